-- monitor v6: Prometheus units such as 'bytes_per_second_per_core' do not fit
-- in 32 characters, and evaluator reasons can be long: widen both columns.

ALTER TABLE metrics
    MODIFY COLUMN unit VARCHAR(64) NULL DEFAULT NULL;

ALTER TABLE alarm_history
    MODIFY COLUMN reason TEXT NOT NULL;
