-- Cloud manager v15 rollback (PostgreSQL): drop quota usages.

DROP TABLE quota_usages;
