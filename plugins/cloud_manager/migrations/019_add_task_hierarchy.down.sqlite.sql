-- Cloud manager v19 rollback (SQLite): drop the task hierarchy and progress
-- columns (the index first, SQLite cannot drop an indexed column; dropping
-- parent_task_id drops its column-level foreign key fk_tasks_parent).

DROP INDEX idx_tasks_parent;

ALTER TABLE tasks DROP COLUMN progress;
ALTER TABLE tasks DROP COLUMN parent_task_id;
