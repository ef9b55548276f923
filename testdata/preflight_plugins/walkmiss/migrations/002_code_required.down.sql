CREATE TABLE walk_miss_old (id INTEGER PRIMARY KEY, code TEXT);
INSERT INTO walk_miss_old (id, code) SELECT id, code FROM walk_miss;
DROP TABLE walk_miss;
ALTER TABLE walk_miss_old RENAME TO walk_miss;
