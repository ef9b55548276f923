-- rs_server v9 rollback: drop instance reservations.

DROP TABLE instance_reservations;
