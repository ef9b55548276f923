-- Cloud manager v5 rollback (SQLite): drop quota limits.

DROP TABLE quotas;
