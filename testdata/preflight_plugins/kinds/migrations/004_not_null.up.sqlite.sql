CREATE TABLE pf_marker_4 (id INT);

