-- clouds v4 down (SQLite): restore clouds.default_region (v1 keeps it as the
-- last column, so ADD COLUMN restores the exact definition), fill it back
-- from the is_default flag, drop the flag. Region rows created by the up
-- step are kept: they are valid regions.

ALTER TABLE clouds ADD COLUMN default_region TEXT;

-- The MySQL script keeps updated_at unchanged (c.updated_at = c.updated_at).
-- In SQLite the trigger emulating ON UPDATE CURRENT_TIMESTAMP would bump it,
-- so it is set aside for this backfill and re-created unchanged afterwards
-- (all inside the step's transaction).
DROP TRIGGER trg_clouds_updated_at_on_update;

UPDATE clouds
   SET default_region = (SELECT r.name FROM regions r
                          WHERE r.cloud_id = clouds.id AND r.is_default = 1
                          ORDER BY r.id LIMIT 1)
 WHERE EXISTS (SELECT 1 FROM regions r
                WHERE r.cloud_id = clouds.id AND r.is_default = 1);

CREATE TRIGGER trg_clouds_updated_at_on_update AFTER UPDATE ON clouds
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE clouds SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

ALTER TABLE regions DROP COLUMN is_default;
