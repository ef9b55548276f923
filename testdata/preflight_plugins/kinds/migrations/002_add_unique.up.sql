CREATE TABLE pf_marker_2 (id INT);
ALTER TABLE pf_unique ADD UNIQUE (v);
