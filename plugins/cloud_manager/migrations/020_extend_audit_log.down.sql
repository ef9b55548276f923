-- Cloud manager v20 rollback: drop the new indexes and restore details as TEXT.

ALTER TABLE audit_log
  DROP KEY idx_audit_log_actor,
  DROP KEY idx_audit_log_request_id;

ALTER TABLE audit_log
  MODIFY COLUMN details TEXT NULL DEFAULT NULL;
