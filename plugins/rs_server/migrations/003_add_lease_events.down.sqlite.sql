-- rs_server v3 rollback (SQLite): drop lease events.

DROP TABLE lease_events;
