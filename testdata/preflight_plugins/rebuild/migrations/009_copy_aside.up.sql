CREATE TABLE rb_marker_9 (id INT);
CREATE TEMP TABLE _rebuild_rb_aside AS SELECT * FROM rb_aside;
DROP TABLE rb_aside;
CREATE TABLE rb_aside (id INTEGER PRIMARY KEY, v INT NOT NULL);
INSERT INTO rb_aside (id, v) SELECT id, v FROM temp._rebuild_rb_aside;
DROP TABLE temp._rebuild_rb_aside;
