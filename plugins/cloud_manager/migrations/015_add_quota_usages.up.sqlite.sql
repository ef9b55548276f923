-- Cloud manager v15 (SQLite): last known quota usage per project / region /
-- resource, refreshed by the sync agents. Resources must exist in
-- quota_defaults.

CREATE TABLE quota_usages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL,
  region_id INTEGER NOT NULL,
  resource TEXT NOT NULL,
  in_use INTEGER NOT NULL DEFAULT 0,
  reserved INTEGER NOT NULL DEFAULT 0,
  refreshed_at TEXT,
  CONSTRAINT fk_quota_usages_project FOREIGN KEY (project_id)
    REFERENCES projects (id) ON DELETE CASCADE,
  CONSTRAINT fk_quota_usages_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE,
  CONSTRAINT fk_quota_usages_resource FOREIGN KEY (resource)
    REFERENCES quota_defaults (resource) ON UPDATE CASCADE
);

CREATE UNIQUE INDEX uq_quota_usages_project_region_resource ON quota_usages (project_id, region_id, resource);
CREATE INDEX idx_quota_usages_region ON quota_usages (region_id);
CREATE INDEX idx_quota_usages_resource ON quota_usages (resource);
