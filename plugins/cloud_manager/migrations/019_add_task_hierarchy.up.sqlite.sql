-- Cloud manager v19 (SQLite): tasks can have sub-tasks (a bulk action fans
-- out into one task per server) and report progress in percent.
-- Finished tasks are backfilled to 100 %.
-- SQLite cannot add a table-level foreign key to an existing table, but ADD
-- COLUMN accepts a named column-level one (the column must default to NULL),
-- which is the same constraint. (Both columns are appended at the end; MySQL
-- puts parent_task_id after uuid and progress after status.)

ALTER TABLE tasks ADD COLUMN parent_task_id INTEGER
  CONSTRAINT fk_tasks_parent REFERENCES tasks (id) ON DELETE CASCADE;
ALTER TABLE tasks ADD COLUMN progress INTEGER NOT NULL DEFAULT 0;

CREATE INDEX idx_tasks_parent ON tasks (parent_task_id);

UPDATE tasks
   SET progress = 100
 WHERE status = 'succeeded';
