-- rs_server v7 rollback: drop hosts.reservable.

ALTER TABLE hosts
  DROP KEY idx_hosts_reservable_az,
  DROP COLUMN reservable;
