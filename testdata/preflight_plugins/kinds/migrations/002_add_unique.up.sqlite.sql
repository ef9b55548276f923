CREATE TABLE pf_marker_2 (id INT);
CREATE UNIQUE INDEX ux_pf_unique ON pf_unique (v);
