-- clouds v4: the default region becomes a flag on the regions table instead
-- of a free-text column on clouds. Existing values are copied over first.

ALTER TABLE regions
    ADD COLUMN is_default TINYINT(1) NOT NULL DEFAULT 0 AFTER name;

-- Data migration 1/2: make sure every default region exists as a region row.
INSERT IGNORE INTO regions (cloud_id, name, description)
SELECT c.id, c.default_region, 'Imported from clouds.default_region'
  FROM clouds c
 WHERE c.default_region IS NOT NULL AND c.default_region <> '';

-- Data migration 2/2: flag it as the default.
UPDATE regions r
  JOIN clouds c ON c.id = r.cloud_id AND c.default_region = r.name
   SET r.is_default = 1;

ALTER TABLE clouds
    DROP COLUMN default_region;
