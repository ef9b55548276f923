-- journal v5 down: drop the archive table; its trigger goes with it, but is
-- dropped explicitly first for clarity.

DROP TRIGGER trg_events_archive_forbid_update;
DROP TABLE events_archive;
