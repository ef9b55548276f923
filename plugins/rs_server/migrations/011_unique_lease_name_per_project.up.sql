-- rs_server v11: lease names are unique within a project (the CLI resolves
-- leases by name).

ALTER TABLE leases
  ADD UNIQUE KEY uq_leases_project_name (project_id, name);
