CREATE TABLE pf_marker_5 (id INT);

