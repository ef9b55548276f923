-- Cloud manager v12: projects.external_id is ambiguous next to the other
-- inventory tables; rename it (and its unique key) to say what it is.

ALTER TABLE projects
  RENAME COLUMN external_id TO keystone_project_id;

ALTER TABLE projects
  RENAME KEY uq_projects_cloud_external TO uq_projects_cloud_keystone_project;
