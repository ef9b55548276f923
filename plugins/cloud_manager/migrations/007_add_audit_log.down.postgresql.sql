-- Cloud manager v7 rollback (PostgreSQL): drop the audit log.

DROP TABLE audit_log;
