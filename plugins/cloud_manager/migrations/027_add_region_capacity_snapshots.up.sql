-- Cloud manager v27: periodic hypervisor capacity snapshots per region,
-- feeding the capacity trend widget.

CREATE TABLE region_capacity_snapshots (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  region_id BIGINT UNSIGNED NOT NULL,
  captured_at DATETIME NOT NULL,
  vcpus_total INT UNSIGNED NOT NULL DEFAULT 0,
  vcpus_used INT UNSIGNED NOT NULL DEFAULT 0,
  ram_mb_total BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ram_mb_used BIGINT UNSIGNED NOT NULL DEFAULT 0,
  disk_gb_total BIGINT UNSIGNED NOT NULL DEFAULT 0,
  disk_gb_used BIGINT UNSIGNED NOT NULL DEFAULT 0,
  running_instances INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_region_capacity_snapshots_region_time (region_id, captured_at),
  CONSTRAINT fk_region_capacity_snapshots_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
