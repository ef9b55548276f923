-- rs_server v3 rollback: drop lease events.

DROP TABLE lease_events;
