-- Cloud manager v28 (SQLite): Keystone hierarchical multitenancy: projects
-- know their parent project and whether they act as a domain.
-- SQLite cannot add a table-level foreign key to an existing table, but ADD
-- COLUMN accepts a named column-level one (the column must default to NULL),
-- which is the same constraint. (Both columns are appended at the end; MySQL
-- puts them after domain_id.)

ALTER TABLE projects ADD COLUMN parent_id INTEGER
  CONSTRAINT fk_projects_parent REFERENCES projects (id) ON DELETE SET NULL;
ALTER TABLE projects ADD COLUMN is_domain INTEGER NOT NULL DEFAULT 0;

CREATE INDEX idx_projects_parent ON projects (parent_id);
