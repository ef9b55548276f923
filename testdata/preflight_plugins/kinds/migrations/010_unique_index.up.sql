CREATE TABLE pf_marker_10 (id INT);
CREATE UNIQUE INDEX ux_pf_index ON pf_index (v);
