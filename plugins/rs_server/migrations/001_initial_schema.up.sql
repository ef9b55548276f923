-- Resource scheduler (rs_server) v1: initial schema.
-- Reservable compute hosts, leases (a time window owned by a project) and
-- the reservations a lease is made of.

CREATE TABLE hosts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  hypervisor_hostname VARCHAR(255) NOT NULL,
  service_name VARCHAR(255) NULL DEFAULT NULL COMMENT 'nova-compute service host',
  availability_zone VARCHAR(255) NULL DEFAULT NULL,
  hypervisor_type VARCHAR(64) NULL DEFAULT NULL,
  vcpus INT UNSIGNED NOT NULL,
  memory_mb INT UNSIGNED NOT NULL,
  local_gb INT UNSIGNED NOT NULL,
  cpu_info TEXT NULL DEFAULT NULL,
  status ENUM('up','down','maintenance') NOT NULL DEFAULT 'up',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_hosts_hypervisor_hostname (hypervisor_hostname),
  KEY idx_hosts_availability_zone (availability_zone)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE leases (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  uuid CHAR(36) NOT NULL,
  name VARCHAR(80) NOT NULL,
  project_id VARCHAR(64) NOT NULL,
  user_id VARCHAR(64) NOT NULL,
  start_date DATETIME NOT NULL,
  end_date DATETIME NOT NULL,
  status ENUM('PENDING','STARTING','ACTIVE','TERMINATING','TERMINATED','ERROR') NOT NULL DEFAULT 'PENDING',
  degraded TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_leases_uuid (uuid),
  KEY idx_leases_project (project_id),
  KEY idx_leases_period (start_date, end_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE reservations (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  uuid CHAR(36) NOT NULL,
  lease_id BIGINT UNSIGNED NOT NULL,
  resource_type ENUM('physical:host','virtual:instance') NOT NULL,
  status ENUM('pending','active','deleted','error') NOT NULL DEFAULT 'pending',
  min_count INT UNSIGNED NOT NULL DEFAULT 1,
  max_count INT UNSIGNED NOT NULL DEFAULT 1,
  hypervisor_properties TEXT NULL DEFAULT NULL COMMENT 'JSON filter on host attributes',
  resource_properties TEXT NULL DEFAULT NULL COMMENT 'JSON filter on extra capabilities',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_reservations_uuid (uuid),
  KEY idx_reservations_lease (lease_id),
  CONSTRAINT fk_reservations_lease FOREIGN KEY (lease_id)
    REFERENCES leases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
