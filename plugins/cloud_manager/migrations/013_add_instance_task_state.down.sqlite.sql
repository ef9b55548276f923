-- Cloud manager v13 rollback (SQLite): drop instances.task_state (its index
-- first: SQLite cannot drop an indexed column).

DROP INDEX idx_instances_task_state;

ALTER TABLE instances DROP COLUMN task_state;
