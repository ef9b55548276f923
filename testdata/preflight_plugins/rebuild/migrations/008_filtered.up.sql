CREATE TABLE rb_marker_8 (id INT);
CREATE TABLE rb_filtered_new (id INTEGER PRIMARY KEY, v INT NOT NULL);
INSERT INTO rb_filtered_new SELECT * FROM rb_filtered WHERE v IS NOT NULL;
DROP TABLE rb_filtered;
ALTER TABLE rb_filtered_new RENAME TO rb_filtered;
