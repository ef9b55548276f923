-- Cloud manager v6 rollback: drop the task table.

DROP TABLE tasks;
