-- clouds v1 down: drop everything created by the initial schema,
-- children first so foreign keys never block the drop.

DROP TABLE cloud_credentials;
DROP TABLE endpoints;
DROP TABLE regions;
DROP TABLE clouds;
