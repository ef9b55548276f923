-- Cloud manager v4 (SQLite): Nova server inventory.
-- Flavors and images can disappear upstream while servers remain, hence
-- ON DELETE SET NULL for those references. (The region and project
-- references have no action, as in MySQL: deleting a referenced row fails.)
-- Column comment (not supported by SQLite): external_id = Nova server uuid

CREATE TABLE instances (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  region_id INTEGER NOT NULL,
  project_id INTEGER NOT NULL,
  flavor_id INTEGER,
  image_id INTEGER,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  power_state INTEGER,
  host TEXT,
  availability_zone TEXT,
  launched_at TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT,
  deleted_at TEXT,
  CONSTRAINT fk_instances_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT fk_instances_project FOREIGN KEY (project_id) REFERENCES projects (id),
  CONSTRAINT fk_instances_flavor FOREIGN KEY (flavor_id)
    REFERENCES flavors (id) ON DELETE SET NULL,
  CONSTRAINT fk_instances_image FOREIGN KEY (image_id)
    REFERENCES images (id) ON DELETE SET NULL
);

CREATE INDEX idx_instances_region ON instances (region_id);
CREATE INDEX idx_instances_external_id ON instances (external_id);
CREATE INDEX idx_instances_project_status ON instances (project_id, status);
CREATE INDEX idx_instances_flavor ON instances (flavor_id);
CREATE INDEX idx_instances_image ON instances (image_id);
