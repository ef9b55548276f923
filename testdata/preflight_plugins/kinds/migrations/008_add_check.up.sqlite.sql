CREATE TABLE pf_marker_8 (id INT);

