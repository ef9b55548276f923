-- monitor v4 down (SQLite): drop the counter trigger and column.

DROP TRIGGER trg_alarm_history_after_insert;

ALTER TABLE alarms DROP COLUMN state_change_count;
