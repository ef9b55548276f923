-- rs_server v7 (SQLite): hosts can be temporarily withdrawn from the
-- reservable pool without changing their health status. Hosts in
-- maintenance start out as not reservable. (reservable is appended at the
-- end; MySQL puts it after status.)

ALTER TABLE hosts ADD COLUMN reservable INTEGER NOT NULL DEFAULT 1;

CREATE INDEX idx_hosts_reservable_az ON hosts (reservable, availability_zone);

UPDATE hosts
   SET reservable = 0
 WHERE status = 'maintenance';
