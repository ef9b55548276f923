-- Cloud manager v2 (SQLite): Nova flavor inventory, per region.
-- Column comment (not supported by SQLite): external_id = Nova flavor id

CREATE TABLE flavors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  region_id INTEGER NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  vcpus INTEGER NOT NULL,
  ram_mb INTEGER NOT NULL,
  disk_gb INTEGER NOT NULL DEFAULT 0,
  ephemeral_gb INTEGER NOT NULL DEFAULT 0,
  swap_mb INTEGER NOT NULL DEFAULT 0,
  is_public INTEGER NOT NULL DEFAULT 1,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_flavors_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_flavors_region_external ON flavors (region_id, external_id);
CREATE INDEX idx_flavors_name ON flavors (name);
