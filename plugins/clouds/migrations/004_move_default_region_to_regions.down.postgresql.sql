-- clouds v4 down (PostgreSQL): restore clouds.default_region (same
-- definition and position), fill it back from the is_default flag, drop the
-- flag. Region rows created by the up step are kept: they are valid regions.
--
-- PostgreSQL can only append a column. To give clouds exactly its v3 column
-- order back, the columns that followed default_region in v3 (status,
-- created_at, updated_at, deleted_at) are moved behind it: new copies are
-- added, filled, the originals dropped and the copies renamed, then their
-- defaults, NOT NULL, CHECK and index are put back under the same names.
--
-- The MySQL script keeps updated_at with "updated_at = updated_at"; here the
-- trigger standing for ON UPDATE CURRENT_TIMESTAMP is switched off around the
-- UPDATEs instead (inside the step's transaction).

ALTER TABLE clouds DISABLE TRIGGER trg_clouds_updated_at_on_update;

ALTER TABLE clouds
    ADD COLUMN default_region VARCHAR(255) NULL,
    ADD COLUMN status_v3      VARCHAR(8),
    ADD COLUMN created_at_v3  TIMESTAMP(0),
    ADD COLUMN updated_at_v3  TIMESTAMP(0),
    ADD COLUMN deleted_at_v3  TIMESTAMP(0);

UPDATE clouds
   SET status_v3     = status,
       created_at_v3 = created_at,
       updated_at_v3 = updated_at,
       deleted_at_v3 = deleted_at;

-- also drops idx_clouds_status and chk_clouds_status
ALTER TABLE clouds
    DROP COLUMN status,
    DROP COLUMN created_at,
    DROP COLUMN updated_at,
    DROP COLUMN deleted_at;

ALTER TABLE clouds RENAME COLUMN status_v3 TO status;
ALTER TABLE clouds RENAME COLUMN created_at_v3 TO created_at;
ALTER TABLE clouds RENAME COLUMN updated_at_v3 TO updated_at;
ALTER TABLE clouds RENAME COLUMN deleted_at_v3 TO deleted_at;

ALTER TABLE clouds
    ALTER COLUMN status SET DEFAULT 'pending',
    ALTER COLUMN status SET NOT NULL,
    ALTER COLUMN created_at SET DEFAULT CURRENT_TIMESTAMP,
    ALTER COLUMN created_at SET NOT NULL,
    ALTER COLUMN updated_at SET DEFAULT CURRENT_TIMESTAMP,
    ALTER COLUMN updated_at SET NOT NULL,
    ADD CONSTRAINT chk_clouds_status
        CHECK (status IN ('pending','active','degraded','offline','deleted'));

CREATE INDEX idx_clouds_status ON clouds (status);

UPDATE clouds c
   SET default_region = r.name
  FROM regions r
 WHERE r.cloud_id = c.id AND r.is_default;

ALTER TABLE clouds ENABLE TRIGGER trg_clouds_updated_at_on_update;

ALTER TABLE regions
    DROP COLUMN is_default;
