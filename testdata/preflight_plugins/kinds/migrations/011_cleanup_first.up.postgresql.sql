CREATE TABLE pf_marker_11 (id INT);
DELETE FROM pf_cleanup WHERE id > 1;
ALTER TABLE pf_cleanup ADD UNIQUE (v);
