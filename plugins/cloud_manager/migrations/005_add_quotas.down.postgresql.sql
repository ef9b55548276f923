-- Cloud manager v5 rollback (PostgreSQL): drop quota limits.

DROP TABLE quotas;
