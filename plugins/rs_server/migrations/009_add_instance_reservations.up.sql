-- rs_server v9: sizing of virtual:instance reservations (one row per
-- reservation; the reserved capacity is exposed as a dedicated flavor).

CREATE TABLE instance_reservations (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reservation_id BIGINT UNSIGNED NOT NULL,
  vcpus INT UNSIGNED NOT NULL,
  memory_mb INT UNSIGNED NOT NULL,
  disk_gb INT UNSIGNED NOT NULL DEFAULT 0,
  amount INT UNSIGNED NOT NULL DEFAULT 1,
  affinity TINYINT(1) NULL DEFAULT NULL COMMENT 'NULL = no preference',
  flavor_id VARCHAR(36) NULL DEFAULT NULL,
  server_group_id VARCHAR(36) NULL DEFAULT NULL,
  aggregate_id INT NULL DEFAULT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_instance_reservations_reservation (reservation_id),
  CONSTRAINT fk_instance_reservations_reservation FOREIGN KEY (reservation_id)
    REFERENCES reservations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
