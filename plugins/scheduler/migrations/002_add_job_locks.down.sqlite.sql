-- scheduler v2 down (SQLite): drop the job locks table.

DROP TABLE job_locks;
