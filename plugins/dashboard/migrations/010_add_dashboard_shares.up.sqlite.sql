-- Dashboard v10 (SQLite): explicit dashboard sharing (with users, projects or
-- roles) replaces the dashboards.is_public flag. Every public dashboard
-- becomes a read-only share with its own project, then the flag (and the
-- index that contained it) is dropped.

CREATE TABLE dashboard_shares (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dashboard_id INTEGER NOT NULL,
  grantee_type TEXT NOT NULL CHECK (grantee_type IN ('user','project','role')),
  grantee_id TEXT NOT NULL,
  permission TEXT NOT NULL DEFAULT 'view' CHECK (permission IN ('view','edit')),
  created_by TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_dashboard_shares_dashboard FOREIGN KEY (dashboard_id)
    REFERENCES dashboards (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_dashboard_shares_grantee ON dashboard_shares (dashboard_id, grantee_type, grantee_id);
CREATE INDEX idx_dashboard_shares_lookup ON dashboard_shares (grantee_type, grantee_id);

INSERT INTO dashboard_shares (dashboard_id, grantee_type, grantee_id, permission, created_by)
SELECT d.id, 'project', d.project_id, 'view', d.owner_user_id
  FROM dashboards d
 WHERE d.is_public = 1;

-- The index goes first: SQLite cannot drop an indexed column.
DROP INDEX idx_dashboards_project_public;

ALTER TABLE dashboards DROP COLUMN is_public;

CREATE INDEX idx_dashboards_project ON dashboards (project_id);
