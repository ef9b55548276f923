-- Cloud manager v19 rollback: drop the task hierarchy and progress columns.

ALTER TABLE tasks
  DROP FOREIGN KEY fk_tasks_parent,
  DROP KEY idx_tasks_parent;

ALTER TABLE tasks
  DROP COLUMN progress,
  DROP COLUMN parent_task_id;
