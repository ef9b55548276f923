-- Cloud manager v6: asynchronous task queue / history (sync jobs, quota
-- pushes, bulk instance actions).

CREATE TABLE tasks (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  uuid CHAR(36) NOT NULL,
  task_type VARCHAR(64) NOT NULL,
  status ENUM('pending','running','succeeded','failed','cancelled') NOT NULL DEFAULT 'pending',
  target_type VARCHAR(32) NULL DEFAULT NULL,
  target_id VARCHAR(64) NULL DEFAULT NULL,
  requested_by VARCHAR(64) NULL DEFAULT NULL,
  payload TEXT NULL DEFAULT NULL,
  result TEXT NULL DEFAULT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  started_at DATETIME NULL DEFAULT NULL,
  finished_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_tasks_uuid (uuid),
  KEY idx_tasks_status_created (status, created_at),
  KEY idx_tasks_target (target_type, target_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
