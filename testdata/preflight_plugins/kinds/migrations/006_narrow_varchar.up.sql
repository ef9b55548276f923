CREATE TABLE pf_marker_6 (id INT);
ALTER TABLE pf_narrow MODIFY name VARCHAR(10);
