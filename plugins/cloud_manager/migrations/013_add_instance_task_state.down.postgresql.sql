-- Cloud manager v13 rollback (PostgreSQL): drop instances.task_state (and its
-- index).

DROP INDEX idx_instances_task_state;

ALTER TABLE instances
  DROP COLUMN task_state;
