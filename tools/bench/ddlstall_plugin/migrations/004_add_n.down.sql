ALTER TABLE bench_events DROP COLUMN n;
