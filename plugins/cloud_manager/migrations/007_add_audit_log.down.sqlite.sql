-- Cloud manager v7 rollback (SQLite): drop the audit log.

DROP TABLE audit_log;
