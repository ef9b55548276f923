-- journal v3 down (PostgreSQL): allow updates of events again.

DROP TRIGGER trg_events_forbid_update ON events;
DROP FUNCTION trg_events_forbid_update();
