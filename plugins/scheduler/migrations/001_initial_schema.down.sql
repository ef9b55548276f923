-- scheduler v1 down: drop the initial tables in foreign-key-safe order.

DROP TABLE job_runs;
DROP TABLE cron_schedules;
DROP TABLE jobs;
