-- rs_server v7 (PostgreSQL): hosts can be temporarily withdrawn from the
-- reservable pool without changing their health status. Hosts in
-- maintenance start out as not reservable. (reservable is appended: no AFTER
-- clause in PostgreSQL.)

ALTER TABLE hosts
  ADD COLUMN reservable BOOLEAN NOT NULL DEFAULT TRUE;

CREATE INDEX idx_hosts_reservable_az ON hosts (reservable, availability_zone);

UPDATE hosts
   SET reservable = FALSE
 WHERE status = 'maintenance';
