-- rs_server v7 rollback (PostgreSQL): drop hosts.reservable (and its index).

DROP INDEX idx_hosts_reservable_az;

ALTER TABLE hosts
  DROP COLUMN reservable;
