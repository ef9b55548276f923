-- clouds v1 down (SQLite): drop everything created by the initial schema,
-- children first so foreign keys never block the drop. Indexes and the
-- updated_at trigger go with their tables.

DROP TABLE cloud_credentials;
DROP TABLE endpoints;
DROP TABLE regions;
DROP TABLE clouds;
