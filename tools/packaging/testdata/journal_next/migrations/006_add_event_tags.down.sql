-- journal v6 down.

DROP TABLE event_tags;
