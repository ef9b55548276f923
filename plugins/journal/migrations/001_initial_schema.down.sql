-- journal v1 down: drop the journal tables, events first (it references
-- event_types).

DROP TABLE events;
DROP TABLE event_types;
