-- Cloud manager v15 rollback (SQLite): drop quota usages.

DROP TABLE quota_usages;
