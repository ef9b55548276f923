-- Cloud manager v19: tasks can have sub-tasks (a bulk action fans out into
-- one task per server) and report progress in percent.
-- Finished tasks are backfilled to 100 %.

ALTER TABLE tasks
  ADD COLUMN parent_task_id BIGINT UNSIGNED NULL DEFAULT NULL AFTER uuid,
  ADD COLUMN progress TINYINT UNSIGNED NOT NULL DEFAULT 0 AFTER status,
  ADD KEY idx_tasks_parent (parent_task_id),
  ADD CONSTRAINT fk_tasks_parent FOREIGN KEY (parent_task_id)
    REFERENCES tasks (id) ON DELETE CASCADE;

UPDATE tasks
   SET progress = 100
 WHERE status = 'succeeded';
