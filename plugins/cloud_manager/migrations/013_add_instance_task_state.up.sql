-- Cloud manager v13: track Nova's task_state (spawning, rebooting, ...) so
-- the UI can show servers that are in the middle of an operation.

ALTER TABLE instances
  ADD COLUMN task_state VARCHAR(32) NULL DEFAULT NULL AFTER power_state,
  ADD KEY idx_instances_task_state (task_state);
