-- Cloud manager v13 (PostgreSQL): track Nova's task_state (spawning,
-- rebooting, ...) so the UI can show servers that are in the middle of an
-- operation. (task_state is appended: no AFTER clause in PostgreSQL.)

ALTER TABLE instances
  ADD COLUMN task_state VARCHAR(32) NULL;

CREATE INDEX idx_instances_task_state ON instances (task_state);
