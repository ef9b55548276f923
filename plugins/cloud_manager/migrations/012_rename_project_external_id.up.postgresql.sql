-- Cloud manager v12 (PostgreSQL): projects.external_id is ambiguous next to
-- the other inventory tables; rename it (and its unique key) to say what it
-- is. RENAME KEY -> RENAME CONSTRAINT (the constraint's index is renamed
-- with it). The column comment follows the column.

ALTER TABLE projects
  RENAME COLUMN external_id TO keystone_project_id;

ALTER TABLE projects
  RENAME CONSTRAINT uq_projects_cloud_external TO uq_projects_cloud_keystone_project;
