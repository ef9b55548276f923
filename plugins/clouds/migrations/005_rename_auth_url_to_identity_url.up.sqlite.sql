-- clouds v5 (SQLite): auth_url is really the Keystone (identity) endpoint;
-- rename it so it is not confused with the per-service endpoints table.

ALTER TABLE clouds RENAME COLUMN auth_url TO identity_url;
