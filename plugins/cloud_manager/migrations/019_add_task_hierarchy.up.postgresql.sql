-- Cloud manager v19 (PostgreSQL): tasks can have sub-tasks (a bulk action
-- fans out into one task per server) and report progress in percent.
-- Finished tasks are backfilled to 100 %. (Both columns are appended: no
-- AFTER clause in PostgreSQL; progress: TINYINT UNSIGNED -> SMALLINT.)

ALTER TABLE tasks
  ADD COLUMN parent_task_id BIGINT NULL,
  ADD COLUMN progress SMALLINT NOT NULL DEFAULT 0,
  ADD CONSTRAINT fk_tasks_parent FOREIGN KEY (parent_task_id)
    REFERENCES tasks (id) ON DELETE CASCADE;

CREATE INDEX idx_tasks_parent ON tasks (parent_task_id);

UPDATE tasks
   SET progress = 100
 WHERE status = 'succeeded';
