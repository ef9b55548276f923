-- Cloud manager v27 (SQLite): periodic hypervisor capacity snapshots per
-- region, feeding the capacity trend widget.

CREATE TABLE region_capacity_snapshots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  region_id INTEGER NOT NULL,
  captured_at TEXT NOT NULL,
  vcpus_total INTEGER NOT NULL DEFAULT 0,
  vcpus_used INTEGER NOT NULL DEFAULT 0,
  ram_mb_total INTEGER NOT NULL DEFAULT 0,
  ram_mb_used INTEGER NOT NULL DEFAULT 0,
  disk_gb_total INTEGER NOT NULL DEFAULT 0,
  disk_gb_used INTEGER NOT NULL DEFAULT 0,
  running_instances INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT fk_region_capacity_snapshots_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_region_capacity_snapshots_region_time ON region_capacity_snapshots (region_id, captured_at);
