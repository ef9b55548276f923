-- Cloud manager v28 rollback (PostgreSQL): drop the project hierarchy columns.

ALTER TABLE projects
  DROP CONSTRAINT fk_projects_parent;

DROP INDEX idx_projects_parent;

ALTER TABLE projects
  DROP COLUMN is_domain,
  DROP COLUMN parent_id;
