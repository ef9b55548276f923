CREATE TABLE pf_marker_12 (id INT);
DELETE FROM pf_partial WHERE id > 100;
ALTER TABLE pf_partial ADD UNIQUE (v);
