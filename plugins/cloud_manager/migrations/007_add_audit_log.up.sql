-- Cloud manager v7: append-only audit log of API actions.

CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  occurred_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  actor_user_id VARCHAR(64) NULL DEFAULT NULL,
  actor_project_id VARCHAR(64) NULL DEFAULT NULL,
  action VARCHAR(128) NOT NULL,
  resource_type VARCHAR(64) NOT NULL,
  resource_id VARCHAR(64) NULL DEFAULT NULL,
  request_id VARCHAR(64) NULL DEFAULT NULL COMMENT 'OpenStack x-openstack-request-id',
  outcome ENUM('success','failure') NOT NULL,
  details TEXT NULL DEFAULT NULL,
  PRIMARY KEY (id),
  KEY idx_audit_log_occurred_at (occurred_at),
  KEY idx_audit_log_resource (resource_type, resource_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
