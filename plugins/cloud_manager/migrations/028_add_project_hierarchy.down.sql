-- Cloud manager v28 rollback: drop the project hierarchy columns.

ALTER TABLE projects
  DROP FOREIGN KEY fk_projects_parent,
  DROP KEY idx_projects_parent,
  DROP COLUMN is_domain,
  DROP COLUMN parent_id;
