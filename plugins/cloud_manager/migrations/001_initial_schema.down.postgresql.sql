-- Cloud manager v1 rollback (PostgreSQL): drop everything the initial schema
-- created, children first.

DROP TABLE sync_cursors;
DROP TABLE projects;
DROP TABLE regions;
DROP TABLE clouds;
