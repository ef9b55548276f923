-- monitor v6 (PostgreSQL): Prometheus units such as
-- 'bytes_per_second_per_core' do not fit in 32 characters, and evaluator
-- reasons can be long: widen both columns. The MySQL MODIFY to TEXT NOT NULL
-- names no default, so reason loses its DEFAULT '' there: same here.

ALTER TABLE metrics
    ALTER COLUMN unit TYPE VARCHAR(64);

ALTER TABLE alarm_history
    ALTER COLUMN reason TYPE TEXT,
    ALTER COLUMN reason DROP DEFAULT;
