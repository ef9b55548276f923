-- rs_server v4: operator-defined host capabilities (gpu=a100, rack=r12, ...)
-- matched by reservations.resource_properties.

CREATE TABLE host_extra_capabilities (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  host_id BIGINT UNSIGNED NOT NULL,
  capability_name VARCHAR(64) NOT NULL,
  capability_value TEXT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_host_extra_capabilities_host_name (host_id, capability_name),
  KEY idx_host_extra_capabilities_name (capability_name),
  CONSTRAINT fk_host_extra_capabilities_host FOREIGN KEY (host_id)
    REFERENCES hosts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
