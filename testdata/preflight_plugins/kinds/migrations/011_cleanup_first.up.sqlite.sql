CREATE TABLE pf_marker_11 (id INT);
DELETE FROM pf_cleanup WHERE id > 1;
CREATE UNIQUE INDEX ux_pf_cleanup ON pf_cleanup (v);
