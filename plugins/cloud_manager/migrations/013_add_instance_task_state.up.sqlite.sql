-- Cloud manager v13 (SQLite): track Nova's task_state (spawning, rebooting,
-- ...) so the UI can show servers that are in the middle of an operation.
-- (task_state is appended at the end; MySQL puts it after power_state.)

ALTER TABLE instances ADD COLUMN task_state TEXT;

CREATE INDEX idx_instances_task_state ON instances (task_state);
