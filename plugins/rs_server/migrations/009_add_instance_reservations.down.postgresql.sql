-- rs_server v9 rollback (PostgreSQL): drop instance reservations.

DROP TABLE instance_reservations;
