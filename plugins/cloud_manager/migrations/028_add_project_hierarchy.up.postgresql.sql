-- Cloud manager v28 (PostgreSQL): Keystone hierarchical multitenancy:
-- projects know their parent project and whether they act as a domain.
-- (Both columns are appended: no AFTER clause in PostgreSQL.)

ALTER TABLE projects
  ADD COLUMN parent_id BIGINT NULL,
  ADD COLUMN is_domain BOOLEAN NOT NULL DEFAULT FALSE,
  ADD CONSTRAINT fk_projects_parent FOREIGN KEY (parent_id)
    REFERENCES projects (id) ON DELETE SET NULL;

CREATE INDEX idx_projects_parent ON projects (parent_id);
