-- rs_server v7 rollback (SQLite): drop hosts.reservable (and its index first:
-- SQLite cannot drop an indexed column).

DROP INDEX idx_hosts_reservable_az;

ALTER TABLE hosts DROP COLUMN reservable;
