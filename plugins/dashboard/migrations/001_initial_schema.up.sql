-- Dashboard v1: initial schema.
-- Per-user dashboards, the widgets placed on them, and free-form key/value
-- user preferences (theme, language, page sizes, ...).
-- Users and projects live in Keystone, so they are referenced by id only.

CREATE TABLE dashboards (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  uuid CHAR(36) NOT NULL,
  owner_user_id VARCHAR(64) NOT NULL COMMENT 'Keystone user id',
  project_id VARCHAR(64) NOT NULL COMMENT 'Keystone project id',
  name VARCHAR(255) NOT NULL,
  description TEXT NULL DEFAULT NULL,
  is_public TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'visible to every member of the project',
  is_default TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dashboards_uuid (uuid),
  KEY idx_dashboards_owner (owner_user_id),
  KEY idx_dashboards_project_public (project_id, is_public)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE widgets (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  dashboard_id BIGINT UNSIGNED NOT NULL,
  widget_type VARCHAR(64) NOT NULL,
  title VARCHAR(255) NOT NULL DEFAULT '',
  pos_x SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  pos_y SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  width SMALLINT UNSIGNED NOT NULL DEFAULT 4,
  height SMALLINT UNSIGNED NOT NULL DEFAULT 3,
  config TEXT NULL DEFAULT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_widgets_dashboard_position (dashboard_id, pos_y, pos_x),
  CONSTRAINT fk_widgets_dashboard FOREIGN KEY (dashboard_id)
    REFERENCES dashboards (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user_preferences (
  user_id VARCHAR(64) NOT NULL,
  pref_key VARCHAR(128) NOT NULL,
  pref_value TEXT NULL DEFAULT NULL,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (user_id, pref_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
