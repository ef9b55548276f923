-- Dashboard v2: server-side UI sessions.
-- Only a SHA-256 of the session cookie is stored; expired rows are purged by
-- the housekeeping job using idx_ui_sessions_expires_at.

CREATE TABLE ui_sessions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  session_key CHAR(64) NOT NULL COMMENT 'SHA-256 of the session cookie',
  user_id VARCHAR(64) NOT NULL,
  project_id VARCHAR(64) NULL DEFAULT NULL,
  client_ip VARCHAR(45) NULL DEFAULT NULL,
  user_agent VARCHAR(512) NULL DEFAULT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_seen_at DATETIME NULL DEFAULT NULL,
  expires_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_ui_sessions_session_key (session_key),
  KEY idx_ui_sessions_user (user_id),
  KEY idx_ui_sessions_expires_at (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
