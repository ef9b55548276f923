-- scheduler v2 down (PostgreSQL): drop the job locks table.

DROP TABLE job_locks;
