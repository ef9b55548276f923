UPDATE bench_events SET n = n - 1;
