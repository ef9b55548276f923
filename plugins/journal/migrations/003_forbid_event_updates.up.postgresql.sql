-- journal v3 (PostgreSQL): the journal is append-only. Any UPDATE of an event
-- row is rejected by the database itself, whatever client issues it.
-- MySQL's SIGNAL SQLSTATE '45000' becomes RAISE EXCEPTION with the same
-- SQLSTATE and message; the trigger function has the trigger's name.

CREATE FUNCTION trg_events_forbid_update() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'journal events are append-only; UPDATE is not allowed'
        USING ERRCODE = '45000';
END;
$fn$;

CREATE TRIGGER trg_events_forbid_update BEFORE UPDATE ON events
FOR EACH ROW EXECUTE FUNCTION trg_events_forbid_update();
