CREATE TABLE pf_marker_7 (id INT);

