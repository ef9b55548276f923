CREATE TABLE rb_marker_5 (id INT);
CREATE TABLE rb_child_new (id INTEGER PRIMARY KEY, parent_id INT REFERENCES rb_parent (id));
INSERT INTO rb_child_new (id, parent_id) SELECT id, parent_id FROM rb_child;
DROP TABLE rb_child;
ALTER TABLE rb_child_new RENAME TO rb_child;
