CREATE TABLE rb_marker_3 (id INT);
CREATE TABLE rb_check_new (id INTEGER PRIMARY KEY, qty INT CHECK (qty >= 0));
INSERT INTO rb_check_new SELECT * FROM rb_check;
DROP TABLE rb_check;
ALTER TABLE rb_check_new RENAME TO rb_check;
