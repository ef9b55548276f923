-- Dashboard v10: explicit dashboard sharing (with users, projects or roles)
-- replaces the dashboards.is_public flag. Every public dashboard becomes a
-- read-only share with its own project, then the flag (and the index that
-- contained it) is dropped.

CREATE TABLE dashboard_shares (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  dashboard_id BIGINT UNSIGNED NOT NULL,
  grantee_type ENUM('user','project','role') NOT NULL,
  grantee_id VARCHAR(64) NOT NULL,
  permission ENUM('view','edit') NOT NULL DEFAULT 'view',
  created_by VARCHAR(64) NULL DEFAULT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dashboard_shares_grantee (dashboard_id, grantee_type, grantee_id),
  KEY idx_dashboard_shares_lookup (grantee_type, grantee_id),
  CONSTRAINT fk_dashboard_shares_dashboard FOREIGN KEY (dashboard_id)
    REFERENCES dashboards (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO dashboard_shares (dashboard_id, grantee_type, grantee_id, permission, created_by)
SELECT d.id, 'project', d.project_id, 'view', d.owner_user_id
  FROM dashboards d
 WHERE d.is_public = 1;

ALTER TABLE dashboards
  DROP KEY idx_dashboards_project_public,
  DROP COLUMN is_public,
  ADD KEY idx_dashboards_project (project_id);
