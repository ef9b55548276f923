-- scheduler v1 down (SQLite): drop the initial tables in foreign-key-safe
-- order. Indexes and the updated_at trigger go with their tables.

DROP TABLE job_runs;
DROP TABLE cron_schedules;
DROP TABLE jobs;
