-- Cloud manager v5 rollback: drop quota limits.

DROP TABLE quotas;
