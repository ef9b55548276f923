-- Dashboard v10 rollback (SQLite): bring back dashboards.is_public (it is the
-- last column of dashboards since v1, so ADD COLUMN restores the exact
-- definition) and its index, set it for dashboards shared with their own
-- project, and drop dashboard_shares. Other kinds of shares cannot be
-- represented and are lost.
-- As in MySQL, the UPDATE fires trg_dashboards_set_updated_at.
--
-- The down touches updated_at of the dashboards it makes public again (and
-- on SQLite, whose trigger fires on every UPDATE, of those whose is_public
-- the archive gives back): declared for the data walk (README "The
-- per-module CI kit").
-- aos:loses dashboards.updated_at

DROP INDEX idx_dashboards_project;

ALTER TABLE dashboards ADD COLUMN is_public INTEGER NOT NULL DEFAULT 0;

CREATE INDEX idx_dashboards_project_public ON dashboards (project_id, is_public);

UPDATE dashboards
   SET is_public = 1
 WHERE EXISTS (SELECT 1 FROM dashboard_shares s
                WHERE s.dashboard_id = dashboards.id
                  AND s.grantee_type = 'project'
                  AND s.grantee_id = dashboards.project_id);

DROP TABLE dashboard_shares;
