-- Cloud manager v11: IP addresses of servers (fixed and floating), so that
-- "which server owns 203.0.113.7?" is an indexed lookup.

CREATE TABLE instance_addresses (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  instance_id BIGINT UNSIGNED NOT NULL,
  network_name VARCHAR(255) NOT NULL,
  address VARCHAR(45) NOT NULL,
  ip_version TINYINT UNSIGNED NOT NULL DEFAULT 4,
  mac_address CHAR(17) NULL DEFAULT NULL,
  addr_type ENUM('fixed','floating') NOT NULL DEFAULT 'fixed',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_instance_addresses_instance_address (instance_id, address),
  KEY idx_instance_addresses_address (address),
  CONSTRAINT fk_instance_addresses_instance FOREIGN KEY (instance_id)
    REFERENCES instances (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
