-- Cloud manager v23 rollback: drop the lookup indexes.

ALTER TABLE instances
  DROP KEY idx_instances_host,
  DROP KEY idx_instances_deleted_at;
