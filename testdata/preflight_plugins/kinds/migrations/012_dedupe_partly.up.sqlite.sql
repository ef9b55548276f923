CREATE TABLE pf_marker_12 (id INT);
DELETE FROM pf_partial WHERE id > 100;
CREATE UNIQUE INDEX ux_pf_partial ON pf_partial (v);
