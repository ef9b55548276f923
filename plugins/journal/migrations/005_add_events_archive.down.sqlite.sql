-- journal v5 down (SQLite): drop the archive table; its trigger and indexes
-- go with it, but the trigger is dropped explicitly first for clarity.

DROP TRIGGER trg_events_archive_forbid_update;
DROP TABLE events_archive;
