-- rs_server v10 rollback (PostgreSQL): re-create the filter columns on
-- reservations at their previous position, copy the filters back and drop
-- reservation_filters.
--
-- PostgreSQL can only append a column. To give reservations exactly its v9
-- column order back, the columns that followed the filter columns
-- (created_at, updated_at) are moved behind them: copies are added and
-- filled, the originals dropped, the copies renamed and their default /
-- NOT NULL put back.

ALTER TABLE reservations
  ADD COLUMN hypervisor_properties TEXT NULL,
  ADD COLUMN resource_properties TEXT NULL,
  ADD COLUMN created_at_v9 TIMESTAMP(0),
  ADD COLUMN updated_at_v9 TIMESTAMP(0);
COMMENT ON COLUMN reservations.hypervisor_properties IS 'JSON filter on host attributes';
COMMENT ON COLUMN reservations.resource_properties IS 'JSON filter on extra capabilities';

UPDATE reservations
   SET created_at_v9 = created_at,
       updated_at_v9 = updated_at;

ALTER TABLE reservations
  DROP COLUMN created_at,
  DROP COLUMN updated_at;

ALTER TABLE reservations RENAME COLUMN created_at_v9 TO created_at;
ALTER TABLE reservations RENAME COLUMN updated_at_v9 TO updated_at;

ALTER TABLE reservations
  ALTER COLUMN created_at SET DEFAULT CURRENT_TIMESTAMP,
  ALTER COLUMN created_at SET NOT NULL;

UPDATE reservations r
   SET hypervisor_properties = f.hypervisor_properties,
       resource_properties = f.resource_properties
  FROM reservation_filters f
 WHERE f.reservation_id = r.id;

DROP TABLE reservation_filters;
