-- Dashboard v5: saved list filters (e.g. "my ERROR instances in RegionOne").
-- A user cannot have two filters with the same name for one resource type.

CREATE TABLE saved_filters (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id VARCHAR(64) NOT NULL,
  project_id VARCHAR(64) NULL DEFAULT NULL,
  resource_type VARCHAR(64) NOT NULL COMMENT 'instances, volumes, images, ...',
  name VARCHAR(255) NOT NULL,
  filter_json TEXT NOT NULL,
  is_shared TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_saved_filters_user_resource_name (user_id, resource_type, name),
  KEY idx_saved_filters_project_resource (project_id, resource_type)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
