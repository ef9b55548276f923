-- journal v1 down (SQLite): drop the journal tables, events first (it
-- references event_types). Their indexes go with them.

DROP TABLE events;
DROP TABLE event_types;
