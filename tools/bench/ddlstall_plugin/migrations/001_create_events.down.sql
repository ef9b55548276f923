DROP TABLE bench_events;
