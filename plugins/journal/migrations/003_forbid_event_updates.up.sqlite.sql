-- journal v3 (SQLite): the journal is append-only. Any UPDATE of an event row
-- is rejected by the database itself, whatever client issues it.
-- SIGNAL SQLSTATE '45000' becomes RAISE(ABORT, ...) with the same message.

CREATE TRIGGER trg_events_forbid_update BEFORE UPDATE ON events
FOR EACH ROW
BEGIN
    SELECT RAISE(ABORT, 'journal events are append-only; UPDATE is not allowed');
END;
