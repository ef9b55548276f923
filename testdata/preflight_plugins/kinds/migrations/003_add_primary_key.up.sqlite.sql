CREATE TABLE pf_marker_3 (id INT);

