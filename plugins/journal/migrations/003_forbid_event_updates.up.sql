-- journal v3: the journal is append-only. Any UPDATE of an event row is
-- rejected by the database itself, whatever client issues it.

CREATE TRIGGER trg_events_forbid_update BEFORE UPDATE ON events
FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'journal events are append-only; UPDATE is not allowed';
END;
