-- monitor v6 down: restore the previous column types. In strict mode this
-- fails if longer values were stored since v6: shorten them first.

ALTER TABLE alarm_history
    MODIFY COLUMN reason VARCHAR(1024) NOT NULL DEFAULT '';

ALTER TABLE metrics
    MODIFY COLUMN unit VARCHAR(32) NULL DEFAULT NULL;
