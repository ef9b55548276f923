-- Cloud manager v5: per project / region quota limits as configured in the
-- managed clouds. hard_limit = -1 means unlimited.

CREATE TABLE quotas (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  project_id BIGINT UNSIGNED NOT NULL,
  region_id BIGINT UNSIGNED NOT NULL,
  resource VARCHAR(64) NOT NULL,
  hard_limit BIGINT NOT NULL DEFAULT -1,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_quotas_project_region_resource (project_id, region_id, resource),
  KEY idx_quotas_region (region_id),
  CONSTRAINT fk_quotas_project FOREIGN KEY (project_id)
    REFERENCES projects (id) ON DELETE CASCADE,
  CONSTRAINT fk_quotas_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
