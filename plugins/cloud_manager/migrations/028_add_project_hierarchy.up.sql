-- Cloud manager v28: Keystone hierarchical multitenancy: projects know their
-- parent project and whether they act as a domain.

ALTER TABLE projects
  ADD COLUMN parent_id BIGINT UNSIGNED NULL DEFAULT NULL AFTER domain_id,
  ADD COLUMN is_domain TINYINT(1) NOT NULL DEFAULT 0 AFTER parent_id,
  ADD KEY idx_projects_parent (parent_id),
  ADD CONSTRAINT fk_projects_parent FOREIGN KEY (parent_id)
    REFERENCES projects (id) ON DELETE SET NULL;
