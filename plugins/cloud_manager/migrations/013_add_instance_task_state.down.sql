-- Cloud manager v13 rollback: drop instances.task_state.

ALTER TABLE instances
  DROP KEY idx_instances_task_state,
  DROP COLUMN task_state;
