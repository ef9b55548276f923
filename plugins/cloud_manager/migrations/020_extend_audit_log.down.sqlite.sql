-- Cloud manager v20 rollback (SQLite): drop the new indexes (details stays
-- TEXT, as it was before v20 in SQLite).

DROP INDEX idx_audit_log_actor;
DROP INDEX idx_audit_log_request_id;
