ALTER TABLE bench_events DROP COLUMN note;
