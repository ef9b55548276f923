-- journal v1 down (PostgreSQL): drop the journal tables, events first (it
-- references event_types). Identity sequences go with their tables.

DROP TABLE events;
DROP TABLE event_types;
