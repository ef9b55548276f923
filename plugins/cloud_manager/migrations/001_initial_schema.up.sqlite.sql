-- Cloud manager v1 (SQLite): initial schema.
-- Managed OpenStack clouds (one Keystone each), their regions, the projects
-- discovered in them, and the per-region inventory sync cursors.
--
-- SQLite mapping used by every cloud_manager script:
--   integer types -> INTEGER; AUTO_INCREMENT id -> INTEGER PRIMARY KEY
--   AUTOINCREMENT; CHAR/VARCHAR/TEXT/MEDIUMTEXT -> TEXT (SQLite does not
--   enforce lengths); ENUM -> TEXT with a CHECK on the allowed values;
--   DATETIME -> TEXT 'YYYY-MM-DD HH:MM:SS' (UTC); DATETIME(6) with
--   CURRENT_TIMESTAMP(6) -> TEXT defaulting to strftime('%Y-%m-%d %H:%M:%f')
--   (millisecond precision, the finest SQLite offers); KEY / UNIQUE KEY ->
--   CREATE [UNIQUE] INDEX with the same name; UNSIGNED is not enforced.
-- Column comments (not supported by SQLite):
--   clouds.auth_url: Keystone public endpoint
--   clouds.api_version: Keystone API version
--   projects.external_id: Keystone project id
--   sync_cursors.resource_type: servers, images, flavors, ...
--   sync_cursors.cursor_marker: last pagination marker seen

CREATE TABLE clouds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL,
  name TEXT NOT NULL,
  auth_url TEXT NOT NULL,
  api_version TEXT NOT NULL DEFAULT 'v3',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled','error')),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT
);

CREATE UNIQUE INDEX uq_clouds_uuid ON clouds (uuid);
CREATE UNIQUE INDEX uq_clouds_name ON clouds (name);

CREATE TABLE regions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  cloud_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT,
  CONSTRAINT fk_regions_cloud FOREIGN KEY (cloud_id)
    REFERENCES clouds (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_regions_cloud_name ON regions (cloud_id, name);

CREATE TABLE projects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  cloud_id INTEGER NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  domain_id TEXT NOT NULL DEFAULT 'default',
  description TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT,
  CONSTRAINT fk_projects_cloud FOREIGN KEY (cloud_id)
    REFERENCES clouds (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_projects_cloud_external ON projects (cloud_id, external_id);
CREATE INDEX idx_projects_name ON projects (name);

CREATE TABLE sync_cursors (
  region_id INTEGER NOT NULL,
  resource_type TEXT NOT NULL,
  cursor_marker TEXT,
  last_synced_at TEXT,
  PRIMARY KEY (region_id, resource_type),
  CONSTRAINT fk_sync_cursors_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
);
