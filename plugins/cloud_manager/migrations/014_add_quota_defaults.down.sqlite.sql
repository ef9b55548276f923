-- Cloud manager v14 rollback (SQLite): drop the quota defaults catalog and
-- its seed rows.

DROP TABLE quota_defaults;
