-- Cloud manager v23 (SQLite): indexes for the soft-delete purge job and the
-- "servers on hypervisor" view.

CREATE INDEX idx_instances_deleted_at ON instances (deleted_at);
CREATE INDEX idx_instances_host ON instances (host);
