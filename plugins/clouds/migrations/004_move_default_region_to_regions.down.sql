-- clouds v4 down: restore clouds.default_region (same position and
-- definition), fill it back from the is_default flag, drop the flag.
-- Region rows created by the up step are kept: they are valid regions.

ALTER TABLE clouds
    ADD COLUMN default_region VARCHAR(255) NULL DEFAULT NULL AFTER auth_url;

UPDATE clouds c
  JOIN regions r ON r.cloud_id = c.id AND r.is_default = 1
   SET c.default_region = r.name,
       c.updated_at = c.updated_at;

ALTER TABLE regions
    DROP COLUMN is_default;
