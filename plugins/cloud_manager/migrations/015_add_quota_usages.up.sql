-- Cloud manager v15: last known quota usage per project / region / resource,
-- refreshed by the sync agents. Resources must exist in quota_defaults.

CREATE TABLE quota_usages (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  project_id BIGINT UNSIGNED NOT NULL,
  region_id BIGINT UNSIGNED NOT NULL,
  resource VARCHAR(64) NOT NULL,
  in_use BIGINT NOT NULL DEFAULT 0,
  reserved BIGINT NOT NULL DEFAULT 0,
  refreshed_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_quota_usages_project_region_resource (project_id, region_id, resource),
  KEY idx_quota_usages_region (region_id),
  KEY idx_quota_usages_resource (resource),
  CONSTRAINT fk_quota_usages_project FOREIGN KEY (project_id)
    REFERENCES projects (id) ON DELETE CASCADE,
  CONSTRAINT fk_quota_usages_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE,
  CONSTRAINT fk_quota_usages_resource FOREIGN KEY (resource)
    REFERENCES quota_defaults (resource) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
