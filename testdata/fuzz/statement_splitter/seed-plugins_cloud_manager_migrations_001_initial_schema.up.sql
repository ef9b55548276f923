-- Cloud manager v1: initial schema.
-- Managed OpenStack clouds (one Keystone each), their regions, the projects
-- discovered in them, and the per-region inventory sync cursors.

CREATE TABLE clouds (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  uuid CHAR(36) NOT NULL,
  name VARCHAR(128) NOT NULL,
  auth_url VARCHAR(512) NOT NULL COMMENT 'Keystone public endpoint',
  api_version VARCHAR(16) NOT NULL DEFAULT 'v3' COMMENT 'Keystone API version',
  status ENUM('active','disabled','error') NOT NULL DEFAULT 'active',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_clouds_uuid (uuid),
  UNIQUE KEY uq_clouds_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE regions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  cloud_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(64) NOT NULL,
  description VARCHAR(255) NULL DEFAULT NULL,
  enabled TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_regions_cloud_name (cloud_id, name),
  CONSTRAINT fk_regions_cloud FOREIGN KEY (cloud_id)
    REFERENCES clouds (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE projects (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  cloud_id BIGINT UNSIGNED NOT NULL,
  external_id VARCHAR(64) NOT NULL COMMENT 'Keystone project id',
  name VARCHAR(255) NOT NULL,
  domain_id VARCHAR(64) NOT NULL DEFAULT 'default',
  description TEXT NULL DEFAULT NULL,
  enabled TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_projects_cloud_external (cloud_id, external_id),
  KEY idx_projects_name (name),
  CONSTRAINT fk_projects_cloud FOREIGN KEY (cloud_id)
    REFERENCES clouds (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sync_cursors (
  region_id BIGINT UNSIGNED NOT NULL,
  resource_type VARCHAR(32) NOT NULL COMMENT 'servers, images, flavors, ...',
  cursor_marker VARCHAR(255) NULL DEFAULT NULL COMMENT 'last pagination marker seen',
  last_synced_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (region_id, resource_type),
  CONSTRAINT fk_sync_cursors_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
