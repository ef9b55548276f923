-- rs_server v10 rollback (SQLite): re-create the filter columns on
-- reservations (they are the last columns of reservations since v1, so ADD
-- COLUMN restores the exact definition), copy the filters back and drop
-- reservation_filters.

ALTER TABLE reservations ADD COLUMN hypervisor_properties TEXT;
ALTER TABLE reservations ADD COLUMN resource_properties TEXT;

UPDATE reservations AS r
   SET hypervisor_properties = f.hypervisor_properties,
       resource_properties = f.resource_properties
  FROM reservation_filters AS f
 WHERE f.reservation_id = r.id;

DROP TABLE reservation_filters;
