-- monitor v4 down (PostgreSQL): drop the counter trigger (and its function)
-- and column.

DROP TRIGGER trg_alarm_history_after_insert ON alarm_history;
DROP FUNCTION trg_alarm_history_after_insert();

ALTER TABLE alarms
    DROP COLUMN state_change_count;
