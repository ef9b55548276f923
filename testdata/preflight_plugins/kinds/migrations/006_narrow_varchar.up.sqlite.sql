CREATE TABLE pf_marker_6 (id INT);

