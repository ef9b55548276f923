CREATE TABLE rb_marker_7 (id INT);
DELETE FROM rb_cleanup WHERE v IS NULL;
CREATE TABLE rb_cleanup_new (id INTEGER PRIMARY KEY, v INT NOT NULL);
INSERT INTO rb_cleanup_new SELECT * FROM rb_cleanup;
DROP TABLE rb_cleanup;
ALTER TABLE rb_cleanup_new RENAME TO rb_cleanup;
