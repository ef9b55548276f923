-- Cloud manager v15 rollback: drop quota usages.

DROP TABLE quota_usages;
