-- clouds v4 (PostgreSQL): the default region becomes a flag on the regions
-- table instead of a free-text column on clouds. Existing values are copied
-- over first. (is_default is appended: no AFTER clause in PostgreSQL.)

ALTER TABLE regions
    ADD COLUMN is_default BOOLEAN NOT NULL DEFAULT FALSE;

-- Data migration 1/2: make sure every default region exists as a region row.
-- INSERT IGNORE -> ON CONFLICT DO NOTHING (the region already exists).
INSERT INTO regions (cloud_id, name, description)
SELECT c.id, c.default_region, 'Imported from clouds.default_region'
  FROM clouds c
 WHERE c.default_region IS NOT NULL AND c.default_region <> ''
ON CONFLICT DO NOTHING;

-- Data migration 2/2: flag it as the default.
UPDATE regions r
   SET is_default = TRUE
  FROM clouds c
 WHERE c.id = r.cloud_id AND c.default_region = r.name;

ALTER TABLE clouds
    DROP COLUMN default_region;
