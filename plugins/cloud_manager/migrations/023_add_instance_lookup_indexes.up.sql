-- Cloud manager v23: indexes for the soft-delete purge job and the
-- "servers on hypervisor" view.

ALTER TABLE instances
  ADD KEY idx_instances_deleted_at (deleted_at),
  ADD KEY idx_instances_host (host);
