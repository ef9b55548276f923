-- Cloud manager v12 rollback (SQLite): restore the old column and index names.

DROP INDEX uq_projects_cloud_keystone_project;

ALTER TABLE projects RENAME COLUMN keystone_project_id TO external_id;

CREATE UNIQUE INDEX uq_projects_cloud_external ON projects (cloud_id, external_id);
