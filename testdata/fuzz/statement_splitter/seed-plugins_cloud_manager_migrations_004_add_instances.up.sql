-- Cloud manager v4: Nova server inventory.
-- Flavors and images can disappear upstream while servers remain, hence
-- ON DELETE SET NULL for those references.

CREATE TABLE instances (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  region_id BIGINT UNSIGNED NOT NULL,
  project_id BIGINT UNSIGNED NOT NULL,
  flavor_id BIGINT UNSIGNED NULL DEFAULT NULL,
  image_id BIGINT UNSIGNED NULL DEFAULT NULL,
  external_id CHAR(36) NOT NULL COMMENT 'Nova server uuid',
  name VARCHAR(255) NOT NULL,
  status VARCHAR(32) NOT NULL,
  power_state TINYINT UNSIGNED NULL DEFAULT NULL,
  host VARCHAR(255) NULL DEFAULT NULL,
  availability_zone VARCHAR(255) NULL DEFAULT NULL,
  launched_at DATETIME NULL DEFAULT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  deleted_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  KEY idx_instances_region (region_id),
  KEY idx_instances_external_id (external_id),
  KEY idx_instances_project_status (project_id, status),
  KEY idx_instances_flavor (flavor_id),
  KEY idx_instances_image (image_id),
  CONSTRAINT fk_instances_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT fk_instances_project FOREIGN KEY (project_id) REFERENCES projects (id),
  CONSTRAINT fk_instances_flavor FOREIGN KEY (flavor_id)
    REFERENCES flavors (id) ON DELETE SET NULL,
  CONSTRAINT fk_instances_image FOREIGN KEY (image_id)
    REFERENCES images (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
