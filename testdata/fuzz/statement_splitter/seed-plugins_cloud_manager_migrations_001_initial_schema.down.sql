-- Cloud manager v1 rollback (SQLite): drop everything the initial schema
-- created, children first. Indexes go with their tables.

DROP TABLE sync_cursors;
DROP TABLE projects;
DROP TABLE regions;
DROP TABLE clouds;
