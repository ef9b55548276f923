CREATE TABLE rb_marker_4 (id INT);
CREATE TABLE rb_unique_new (id INTEGER PRIMARY KEY, v TEXT UNIQUE, secret TEXT);
INSERT INTO rb_unique_new (id, v, secret) SELECT id, v, secret FROM rb_unique;
DROP TABLE rb_unique;
ALTER TABLE rb_unique_new RENAME TO rb_unique;
