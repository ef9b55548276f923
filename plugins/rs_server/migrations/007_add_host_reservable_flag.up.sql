-- rs_server v7: hosts can be temporarily withdrawn from the reservable pool
-- without changing their health status. Hosts in maintenance start out as
-- not reservable.

ALTER TABLE hosts
  ADD COLUMN reservable TINYINT(1) NOT NULL DEFAULT 1 AFTER status,
  ADD KEY idx_hosts_reservable_az (reservable, availability_zone);

UPDATE hosts
   SET reservable = 0
 WHERE status = 'maintenance';
