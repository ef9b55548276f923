-- scheduler v3 (PostgreSQL): built-in maintenance jobs shipped with AccentOS
-- and their default schedules. UUIDs are fixed so other modules can refer to
-- them.

INSERT INTO jobs (uuid, name, job_type, description, payload, max_runtime_s) VALUES
    ('6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0001', 'clouds-inventory-sync', 'clouds.sync',
     'Synchronise every active cloud''s inventory (servers, networks, volumes)',
     '{"scope": "all_active", "parallelism": 4}', 1800),
    ('6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0002', 'journal-archive', 'journal.archive',
     'Move events past their retention into events_archive; purge debug events',
     '{"batch_size": 5000}', 7200),
    ('6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0003', 'monitor-alarm-history-compaction', 'monitor.compact_history',
     'Compact alarm history older than 30 days; keep one row per state change',
     '{"older_than_days": 30}', 3600),
    ('6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0004', 'credentials-rotation-check', 'clouds.credentials.check',
     'Warn when a cloud''s credentials were not rotated for 90 days',
     '{"max_age_days": 90, "notify": "ops-default-email;noc-webhook"}', 600);

INSERT INTO cron_schedules (job_id, cron_expr, timezone)
SELECT id, '*/15 * * * *', 'UTC' FROM jobs WHERE uuid = '6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0001';

INSERT INTO cron_schedules (job_id, cron_expr, timezone)
SELECT id, '30 2 * * *', 'UTC' FROM jobs WHERE uuid = '6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0002';

INSERT INTO cron_schedules (job_id, cron_expr, timezone)
SELECT id, '0 3 * * 0', 'UTC' FROM jobs WHERE uuid = '6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0003';

INSERT INTO cron_schedules (job_id, cron_expr, timezone)
SELECT id, '0 8 * * 1', 'UTC' FROM jobs WHERE uuid = '6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0004';
