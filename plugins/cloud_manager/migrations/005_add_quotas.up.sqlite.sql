-- Cloud manager v5 (SQLite): per project / region quota limits as configured
-- in the managed clouds. hard_limit = -1 means unlimited.

CREATE TABLE quotas (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL,
  region_id INTEGER NOT NULL,
  resource TEXT NOT NULL,
  hard_limit INTEGER NOT NULL DEFAULT -1,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT,
  CONSTRAINT fk_quotas_project FOREIGN KEY (project_id)
    REFERENCES projects (id) ON DELETE CASCADE,
  CONSTRAINT fk_quotas_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_quotas_project_region_resource ON quotas (project_id, region_id, resource);
CREATE INDEX idx_quotas_region ON quotas (region_id);
