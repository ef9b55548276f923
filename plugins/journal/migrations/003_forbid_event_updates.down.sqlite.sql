-- journal v3 down (SQLite): allow updates of events again.

DROP TRIGGER trg_events_forbid_update;
