-- rs_server v1 rollback (SQLite): drop everything the initial schema created.
-- Indexes go with their tables.

DROP TABLE reservations;
DROP TABLE leases;
DROP TABLE hosts;
