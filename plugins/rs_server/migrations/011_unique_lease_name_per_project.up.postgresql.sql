-- rs_server v11 (PostgreSQL): lease names are unique within a project (the
-- CLI resolves leases by name).

ALTER TABLE leases
  ADD CONSTRAINT uq_leases_project_name UNIQUE (project_id, name);
