-- Cloud manager v12 rollback (PostgreSQL): restore the old column and key names.

ALTER TABLE projects
  RENAME CONSTRAINT uq_projects_cloud_keystone_project TO uq_projects_cloud_external;

ALTER TABLE projects
  RENAME COLUMN keystone_project_id TO external_id;
