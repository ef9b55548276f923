-- monitor v6 down (PostgreSQL): restore the previous column types (and the
-- DEFAULT '' of reason). Like MySQL in strict mode, this fails if longer
-- values were stored since v6: shorten them first.

ALTER TABLE alarm_history
    ALTER COLUMN reason TYPE VARCHAR(1024),
    ALTER COLUMN reason SET DEFAULT '';

ALTER TABLE metrics
    ALTER COLUMN unit TYPE VARCHAR(32);
