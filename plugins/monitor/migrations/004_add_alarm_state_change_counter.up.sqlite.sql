-- monitor v4 (SQLite): count state changes per alarm (used to detect
-- flapping alarms). The counter is maintained by a trigger on alarm_history
-- so every writer (evaluator, API, manual fixes) keeps it right.
-- (state_change_count is appended at the end; MySQL puts it after
-- state_changed_at.)

ALTER TABLE alarms ADD COLUMN state_change_count INTEGER NOT NULL DEFAULT 0;

-- Backfill from the history recorded so far (updated_at left untouched: the
-- MySQL script writes a.updated_at = a.updated_at; here the trigger emulating
-- ON UPDATE CURRENT_TIMESTAMP is set aside for the backfill and re-created
-- unchanged).
DROP TRIGGER trg_alarms_updated_at_on_update;

UPDATE alarms
   SET state_change_count = (SELECT COUNT(*) FROM alarm_history h WHERE h.alarm_id = alarms.id);

CREATE TRIGGER trg_alarms_updated_at_on_update AFTER UPDATE ON alarms
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE alarms SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- The UPDATE below does not set updated_at, so (as with MySQL's ON UPDATE
-- CURRENT_TIMESTAMP) trg_alarms_updated_at_on_update then bumps it.
CREATE TRIGGER trg_alarm_history_after_insert AFTER INSERT ON alarm_history
FOR EACH ROW
BEGIN
    /* keep the denormalised counter and the last change time in sync */
    UPDATE alarms
       SET state_change_count = state_change_count + 1,
           state_changed_at = NEW.changed_at
     WHERE id = NEW.alarm_id;
END;
