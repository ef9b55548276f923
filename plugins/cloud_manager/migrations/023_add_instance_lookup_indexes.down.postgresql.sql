-- Cloud manager v23 rollback (PostgreSQL): drop the lookup indexes.

DROP INDEX idx_instances_host;
DROP INDEX idx_instances_deleted_at;
