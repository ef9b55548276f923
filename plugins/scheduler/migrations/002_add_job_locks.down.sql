-- scheduler v2 down: drop the job locks table.

DROP TABLE job_locks;
