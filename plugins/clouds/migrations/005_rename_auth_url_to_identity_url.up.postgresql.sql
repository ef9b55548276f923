-- clouds v5 (PostgreSQL): auth_url is really the Keystone (identity)
-- endpoint; rename it so it is not confused with the per-service endpoints
-- table. The column comment follows the column.

ALTER TABLE clouds
    RENAME COLUMN auth_url TO identity_url;
