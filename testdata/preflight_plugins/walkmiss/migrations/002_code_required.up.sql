CREATE TABLE walk_miss_new (id INTEGER PRIMARY KEY, code TEXT NOT NULL);
DELETE FROM walk_miss WHERE id < 0;
INSERT INTO walk_miss_new (id, code) SELECT id, trim(code) FROM walk_miss;
DROP TABLE walk_miss;
ALTER TABLE walk_miss_new RENAME TO walk_miss;
