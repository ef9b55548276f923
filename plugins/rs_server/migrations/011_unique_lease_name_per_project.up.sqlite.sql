-- rs_server v11 (SQLite): lease names are unique within a project (the CLI
-- resolves leases by name).

CREATE UNIQUE INDEX uq_leases_project_name ON leases (project_id, name);
