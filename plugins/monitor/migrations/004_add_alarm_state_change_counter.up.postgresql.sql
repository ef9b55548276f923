-- monitor v4 (PostgreSQL): count state changes per alarm (used to detect
-- flapping alarms). The counter is maintained by a trigger on alarm_history
-- so every writer (evaluator, API, manual fixes) keeps it right.
-- (state_change_count is appended: no AFTER clause in PostgreSQL.)

ALTER TABLE alarms
    ADD COLUMN state_change_count BIGINT NOT NULL DEFAULT 0;

-- Backfill from the history recorded so far (updated_at left untouched: the
-- MySQL "updated_at = updated_at" becomes switching the ON UPDATE trigger
-- off around the UPDATE).
ALTER TABLE alarms DISABLE TRIGGER trg_alarms_updated_at_on_update;

UPDATE alarms a
   SET state_change_count = (SELECT COUNT(*) FROM alarm_history h WHERE h.alarm_id = a.id);

ALTER TABLE alarms ENABLE TRIGGER trg_alarms_updated_at_on_update;

CREATE FUNCTION trg_alarm_history_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    /* keep the denormalised counter and the last change time in sync */
    UPDATE alarms
       SET state_change_count = state_change_count + 1,
           state_changed_at = NEW.changed_at
     WHERE id = NEW.alarm_id;
    RETURN NULL;
END;
$fn$;

CREATE TRIGGER trg_alarm_history_after_insert AFTER INSERT ON alarm_history
FOR EACH ROW EXECUTE FUNCTION trg_alarm_history_after_insert();
