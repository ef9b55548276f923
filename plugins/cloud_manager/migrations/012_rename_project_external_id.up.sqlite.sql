-- Cloud manager v12 (SQLite): projects.external_id is ambiguous next to the
-- other inventory tables; rename it (and its unique key) to say what it is.
-- SQLite has no RENAME INDEX: the unique index is dropped and re-created
-- under the new name (same columns, same uniqueness).

ALTER TABLE projects RENAME COLUMN external_id TO keystone_project_id;

DROP INDEX uq_projects_cloud_external;

CREATE UNIQUE INDEX uq_projects_cloud_keystone_project ON projects (cloud_id, keystone_project_id);
