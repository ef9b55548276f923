-- Cloud manager v7 rollback: drop the audit log.

DROP TABLE audit_log;
