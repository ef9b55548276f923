CREATE TABLE pf_marker_9 (id INT);

