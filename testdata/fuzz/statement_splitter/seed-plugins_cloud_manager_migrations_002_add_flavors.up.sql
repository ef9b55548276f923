-- Cloud manager v2: Nova flavor inventory, per region.

CREATE TABLE flavors (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  region_id BIGINT UNSIGNED NOT NULL,
  external_id VARCHAR(64) NOT NULL COMMENT 'Nova flavor id',
  name VARCHAR(128) NOT NULL,
  vcpus INT UNSIGNED NOT NULL,
  ram_mb INT UNSIGNED NOT NULL,
  disk_gb INT UNSIGNED NOT NULL DEFAULT 0,
  ephemeral_gb INT UNSIGNED NOT NULL DEFAULT 0,
  swap_mb INT UNSIGNED NOT NULL DEFAULT 0,
  is_public TINYINT(1) NOT NULL DEFAULT 1,
  disabled TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_flavors_region_external (region_id, external_id),
  KEY idx_flavors_name (name),
  CONSTRAINT fk_flavors_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
