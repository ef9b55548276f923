-- Dashboard v10 rollback (PostgreSQL): bring back dashboards.is_public (same
-- definition, position and index as before), set it for dashboards shared
-- with their own project, and drop dashboard_shares. Other kinds of shares
-- cannot be represented and are lost.
--
-- PostgreSQL can only append a column. To give dashboards exactly its v9
-- column order back, the columns that followed is_public (is_default,
-- created_at, updated_at) are moved behind it: copies are added and filled,
-- the originals dropped, the copies renamed and their defaults / NOT NULL put
-- back. trg_dashboards_set_updated_at is off while the copies are filled so
-- that this technical UPDATE keeps updated_at; it is on again for the
-- is_public backfill, which (as in MySQL) touches updated_at.
--
-- The down touches updated_at of the dashboards it makes public again:
-- declared for the data walk (README "The per-module CI kit").
-- aos:loses dashboards.updated_at

DROP INDEX idx_dashboards_project;

ALTER TABLE dashboards DISABLE TRIGGER trg_dashboards_set_updated_at;

ALTER TABLE dashboards
  ADD COLUMN is_public BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN is_default_v9 BOOLEAN,
  ADD COLUMN created_at_v9 TIMESTAMP(0),
  ADD COLUMN updated_at_v9 TIMESTAMP(0);

UPDATE dashboards
   SET is_default_v9 = is_default,
       created_at_v9 = created_at,
       updated_at_v9 = updated_at;

ALTER TABLE dashboards
  DROP COLUMN is_default,
  DROP COLUMN created_at,
  DROP COLUMN updated_at;

ALTER TABLE dashboards RENAME COLUMN is_default_v9 TO is_default;
ALTER TABLE dashboards RENAME COLUMN created_at_v9 TO created_at;
ALTER TABLE dashboards RENAME COLUMN updated_at_v9 TO updated_at;

ALTER TABLE dashboards
  ALTER COLUMN is_default SET DEFAULT FALSE,
  ALTER COLUMN is_default SET NOT NULL,
  ALTER COLUMN created_at SET DEFAULT CURRENT_TIMESTAMP,
  ALTER COLUMN created_at SET NOT NULL;

ALTER TABLE dashboards ENABLE TRIGGER trg_dashboards_set_updated_at;

COMMENT ON COLUMN dashboards.is_public IS 'visible to every member of the project';
CREATE INDEX idx_dashboards_project_public ON dashboards (project_id, is_public);

UPDATE dashboards d
   SET is_public = TRUE
  FROM dashboard_shares s
 WHERE s.dashboard_id = d.id
   AND s.grantee_type = 'project'
   AND s.grantee_id = d.project_id;

DROP TABLE dashboard_shares;
