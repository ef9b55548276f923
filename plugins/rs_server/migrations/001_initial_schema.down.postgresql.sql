-- rs_server v1 rollback (PostgreSQL): drop everything the initial schema created.

DROP TABLE reservations;
DROP TABLE leases;
DROP TABLE hosts;
