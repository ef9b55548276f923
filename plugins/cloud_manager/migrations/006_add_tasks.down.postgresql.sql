-- Cloud manager v6 rollback (PostgreSQL): drop the task table.

DROP TABLE tasks;
