-- Dashboard v1 (SQLite): initial schema.
-- Per-user dashboards, the widgets placed on them, and free-form key/value
-- user preferences (theme, language, page sizes, ...).
-- Users and projects live in Keystone, so they are referenced by id only.
--
-- SQLite mapping used by every dashboard script:
--   integer types -> INTEGER; AUTO_INCREMENT id -> INTEGER PRIMARY KEY
--   AUTOINCREMENT; CHAR/VARCHAR/TEXT/MEDIUMTEXT -> TEXT (SQLite does not
--   enforce lengths); ENUM -> TEXT with a CHECK on the allowed values;
--   DATETIME -> TEXT 'YYYY-MM-DD HH:MM:SS' (UTC); KEY / UNIQUE KEY ->
--   CREATE [UNIQUE] INDEX with the same name; UNSIGNED is not enforced.
--   dashboards.is_public is the last column here (MySQL: after description)
--   so that v10's down step can re-add it with ALTER TABLE ADD COLUMN and
--   still restore exactly this table definition.
-- Column comments (not supported by SQLite):
--   dashboards.owner_user_id: Keystone user id
--   dashboards.project_id: Keystone project id
--   dashboards.is_public: visible to every member of the project

CREATE TABLE dashboards (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL,
  owner_user_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT,
  is_public INTEGER NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX uq_dashboards_uuid ON dashboards (uuid);
CREATE INDEX idx_dashboards_owner ON dashboards (owner_user_id);
CREATE INDEX idx_dashboards_project_public ON dashboards (project_id, is_public);

CREATE TABLE widgets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dashboard_id INTEGER NOT NULL,
  widget_type TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  pos_x INTEGER NOT NULL DEFAULT 0,
  pos_y INTEGER NOT NULL DEFAULT 0,
  width INTEGER NOT NULL DEFAULT 4,
  height INTEGER NOT NULL DEFAULT 3,
  config TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_widgets_dashboard FOREIGN KEY (dashboard_id)
    REFERENCES dashboards (id) ON DELETE CASCADE
);

CREATE INDEX idx_widgets_dashboard_position ON widgets (dashboard_id, pos_y, pos_x);

CREATE TABLE user_preferences (
  user_id TEXT NOT NULL,
  pref_key TEXT NOT NULL,
  pref_value TEXT,
  updated_at TEXT,
  PRIMARY KEY (user_id, pref_key)
);
