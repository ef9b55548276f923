-- Cloud manager v6 rollback (SQLite): drop the task table.

DROP TABLE tasks;
