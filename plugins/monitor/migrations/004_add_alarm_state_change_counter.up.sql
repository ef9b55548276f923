-- monitor v4: count state changes per alarm (used to detect flapping alarms).
-- The counter is maintained by a trigger on alarm_history so every writer
-- (evaluator, API, manual fixes) keeps it right.

ALTER TABLE alarms
    ADD COLUMN state_change_count INT UNSIGNED NOT NULL DEFAULT 0 AFTER state_changed_at;

-- Backfill from the history recorded so far (updated_at left untouched).
UPDATE alarms a
   SET a.state_change_count = (SELECT COUNT(*) FROM alarm_history h WHERE h.alarm_id = a.id),
       a.updated_at = a.updated_at;

CREATE TRIGGER trg_alarm_history_after_insert AFTER INSERT ON alarm_history
FOR EACH ROW
BEGIN
    /* keep the denormalised counter and the last change time in sync */
    UPDATE alarms
       SET state_change_count = state_change_count + 1,
           state_changed_at = NEW.changed_at
     WHERE id = NEW.alarm_id;
END;
