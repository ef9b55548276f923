-- rs_server v10 (SQLite): the large JSON filter columns are moved out of the
-- frequently scanned reservations table into reservation_filters (1:1).
-- Data is copied first, then the old columns are dropped.
-- Column comments (not supported by SQLite):
--   hypervisor_properties: JSON filter on host attributes
--   resource_properties: JSON filter on extra capabilities

CREATE TABLE reservation_filters (
  reservation_id INTEGER NOT NULL,
  hypervisor_properties TEXT,
  resource_properties TEXT,
  PRIMARY KEY (reservation_id),
  CONSTRAINT fk_reservation_filters_reservation FOREIGN KEY (reservation_id)
    REFERENCES reservations (id) ON DELETE CASCADE
);

INSERT INTO reservation_filters (reservation_id, hypervisor_properties, resource_properties)
SELECT r.id, r.hypervisor_properties, r.resource_properties
  FROM reservations r
 WHERE r.hypervisor_properties IS NOT NULL
    OR r.resource_properties IS NOT NULL;

ALTER TABLE reservations DROP COLUMN resource_properties;
ALTER TABLE reservations DROP COLUMN hypervisor_properties;
