-- rs_server v10 (PostgreSQL): the large JSON filter columns are moved out of
-- the frequently scanned reservations table into reservation_filters (1:1).
-- Data is copied first, then the old columns are dropped.

CREATE TABLE reservation_filters (
  reservation_id BIGINT NOT NULL,
  hypervisor_properties TEXT NULL,
  resource_properties TEXT NULL,
  PRIMARY KEY (reservation_id),
  CONSTRAINT fk_reservation_filters_reservation FOREIGN KEY (reservation_id)
    REFERENCES reservations (id) ON DELETE CASCADE
);
COMMENT ON COLUMN reservation_filters.hypervisor_properties IS 'JSON filter on host attributes';
COMMENT ON COLUMN reservation_filters.resource_properties IS 'JSON filter on extra capabilities';

INSERT INTO reservation_filters (reservation_id, hypervisor_properties, resource_properties)
SELECT r.id, r.hypervisor_properties, r.resource_properties
  FROM reservations r
 WHERE r.hypervisor_properties IS NOT NULL
    OR r.resource_properties IS NOT NULL;

ALTER TABLE reservations
  DROP COLUMN resource_properties,
  DROP COLUMN hypervisor_properties;
