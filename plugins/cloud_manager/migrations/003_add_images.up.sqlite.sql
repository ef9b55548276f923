-- Cloud manager v3 (SQLite): Glance image inventory, per region.
-- Column comment (not supported by SQLite): external_id = Glance image id

CREATE TABLE images (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  region_id INTEGER NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT,
  status TEXT NOT NULL,
  disk_format TEXT,
  container_format TEXT,
  size_bytes INTEGER,
  visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('public','private','shared','community')),
  owner_project_external_id TEXT,
  os_distro TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_images_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_images_region_external ON images (region_id, external_id);
CREATE INDEX idx_images_visibility ON images (visibility);
