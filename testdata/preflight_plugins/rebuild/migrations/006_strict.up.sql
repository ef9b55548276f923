CREATE TABLE rb_marker_6 (id INT);
CREATE TABLE rb_strict_new (id INTEGER PRIMARY KEY, n INTEGER) STRICT;
INSERT INTO rb_strict_new SELECT * FROM rb_strict;
DROP TABLE rb_strict;
ALTER TABLE rb_strict_new RENAME TO rb_strict;
