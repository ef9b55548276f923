-- Cloud manager v19 rollback (PostgreSQL): drop the task hierarchy and
-- progress columns.

ALTER TABLE tasks
  DROP CONSTRAINT fk_tasks_parent;

DROP INDEX idx_tasks_parent;

ALTER TABLE tasks
  DROP COLUMN progress,
  DROP COLUMN parent_task_id;
