-- Cloud manager v14 rollback: drop the quota defaults catalog and its seed rows.

DROP TABLE quota_defaults;
