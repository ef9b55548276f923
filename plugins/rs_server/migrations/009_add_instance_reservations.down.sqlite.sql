-- rs_server v9 rollback (SQLite): drop instance reservations.

DROP TABLE instance_reservations;
