-- rs_server v3 rollback (PostgreSQL): drop lease events.

DROP TABLE lease_events;
