CREATE TABLE rb_marker_2 (id INT);
CREATE TABLE rb_notnull_new (id INTEGER PRIMARY KEY, v INT NOT NULL, secret TEXT);
INSERT INTO rb_notnull_new (id, v, secret) SELECT id, v, secret FROM rb_notnull;
DROP TABLE rb_notnull;
ALTER TABLE rb_notnull_new RENAME TO rb_notnull;
