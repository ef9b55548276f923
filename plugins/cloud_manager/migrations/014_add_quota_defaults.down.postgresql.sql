-- Cloud manager v14 rollback (PostgreSQL): drop the quota defaults catalog
-- and its seed rows.

DROP TABLE quota_defaults;
