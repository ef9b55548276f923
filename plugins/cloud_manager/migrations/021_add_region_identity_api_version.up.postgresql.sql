-- Cloud manager v21 (PostgreSQL): regions with their own identity endpoint
-- may speak a different Keystone API version than the cloud's main endpoint.
-- NULL means "inherit clouds.api_version". Regions that already have a
-- dedicated endpoint are backfilled with the cloud's version explicitly, so
-- that a later change of the cloud-level value does not silently affect
-- them. (The column is appended: no AFTER clause in PostgreSQL. As in MySQL,
-- the backfill goes through trg_regions_set_updated_at.)

ALTER TABLE regions
  ADD COLUMN identity_api_version VARCHAR(16) NULL;

COMMENT ON COLUMN regions.identity_api_version IS 'NULL: inherit clouds.api_version';

UPDATE regions r
   SET identity_api_version = c.api_version
  FROM clouds c
 WHERE c.id = r.cloud_id
   AND r.endpoint_url IS NOT NULL
   AND r.endpoint_url <> c.auth_url;
