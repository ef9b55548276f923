-- Dashboard v5 (SQLite): saved list filters (e.g. "my ERROR instances in
-- RegionOne"). A user cannot have two filters with the same name for one
-- resource type.
-- Column comment (not supported by SQLite):
--   resource_type: instances, volumes, images, ...

CREATE TABLE saved_filters (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  project_id TEXT,
  resource_type TEXT NOT NULL,
  name TEXT NOT NULL,
  filter_json TEXT NOT NULL,
  is_shared INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT
);

CREATE UNIQUE INDEX uq_saved_filters_user_resource_name ON saved_filters (user_id, resource_type, name);
CREATE INDEX idx_saved_filters_project_resource ON saved_filters (project_id, resource_type);
