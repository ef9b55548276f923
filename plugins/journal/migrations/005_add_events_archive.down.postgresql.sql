-- journal v5 down (PostgreSQL): drop the archive table (its partitions go
-- with it); the trigger is dropped explicitly first for clarity, then its
-- function, which DROP TABLE would leave behind.

DROP TRIGGER trg_events_archive_forbid_update ON events_archive;
DROP TABLE events_archive;
DROP FUNCTION trg_events_archive_forbid_update();
