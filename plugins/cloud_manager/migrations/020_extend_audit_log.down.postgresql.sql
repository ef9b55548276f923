-- Cloud manager v20 rollback (PostgreSQL): drop the new indexes (details is
-- TEXT on both sides: nothing to restore).

DROP INDEX idx_audit_log_actor;
DROP INDEX idx_audit_log_request_id;
