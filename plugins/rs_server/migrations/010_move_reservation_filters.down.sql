-- rs_server v10 rollback: re-create the filter columns on reservations at
-- their previous position, copy the filters back and drop reservation_filters.

ALTER TABLE reservations
  ADD COLUMN hypervisor_properties TEXT NULL DEFAULT NULL COMMENT 'JSON filter on host attributes' AFTER max_count,
  ADD COLUMN resource_properties TEXT NULL DEFAULT NULL COMMENT 'JSON filter on extra capabilities' AFTER hypervisor_properties;

UPDATE reservations r
  JOIN reservation_filters f ON f.reservation_id = r.id
   SET r.hypervisor_properties = f.hypervisor_properties,
       r.resource_properties = f.resource_properties;

DROP TABLE reservation_filters;
