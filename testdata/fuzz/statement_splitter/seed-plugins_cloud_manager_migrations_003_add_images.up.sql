-- Cloud manager v3: Glance image inventory, per region.

CREATE TABLE images (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  region_id BIGINT UNSIGNED NOT NULL,
  external_id CHAR(36) NOT NULL COMMENT 'Glance image id',
  name VARCHAR(255) NULL DEFAULT NULL,
  status VARCHAR(32) NOT NULL,
  disk_format VARCHAR(32) NULL DEFAULT NULL,
  container_format VARCHAR(32) NULL DEFAULT NULL,
  size_bytes BIGINT UNSIGNED NULL DEFAULT NULL,
  visibility ENUM('public','private','shared','community') NOT NULL DEFAULT 'private',
  owner_project_external_id VARCHAR(64) NULL DEFAULT NULL,
  os_distro VARCHAR(64) NULL DEFAULT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_images_region_external (region_id, external_id),
  KEY idx_images_visibility (visibility),
  CONSTRAINT fk_images_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
