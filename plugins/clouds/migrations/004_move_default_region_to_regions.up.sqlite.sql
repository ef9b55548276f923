-- clouds v4 (SQLite): the default region becomes a flag on the regions table
-- instead of a free-text column on clouds. Existing values are copied over
-- first. (is_default is appended at the end; MySQL puts it after name.)

ALTER TABLE regions ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0;

-- Data migration 1/2: make sure every default region exists as a region row.
-- (INSERT IGNORE -> INSERT OR IGNORE: an existing (cloud_id, name) is skipped.)
INSERT OR IGNORE INTO regions (cloud_id, name, description)
SELECT c.id, c.default_region, 'Imported from clouds.default_region'
  FROM clouds c
 WHERE c.default_region IS NOT NULL AND c.default_region <> '';

-- Data migration 2/2: flag it as the default.
UPDATE regions
   SET is_default = 1
 WHERE EXISTS (SELECT 1 FROM clouds c
                WHERE c.id = regions.cloud_id AND c.default_region = regions.name);

ALTER TABLE clouds DROP COLUMN default_region;
