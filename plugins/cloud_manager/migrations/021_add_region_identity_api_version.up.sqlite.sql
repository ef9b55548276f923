-- Cloud manager v21 (SQLite): regions with their own identity endpoint may
-- speak a different Keystone API version than the cloud's main endpoint.
-- NULL means "inherit clouds.api_version". Regions that already have a
-- dedicated endpoint are backfilled with the cloud's version explicitly, so
-- that a later change of the cloud-level value does not silently affect them.
-- (identity_api_version is appended at the end; MySQL puts it after
-- endpoint_url.) As in MySQL, the backfill fires trg_regions_set_updated_at.
-- Column comment (not supported by SQLite): NULL: inherit clouds.api_version

ALTER TABLE regions ADD COLUMN identity_api_version TEXT;

UPDATE regions AS r
   SET identity_api_version = c.api_version
  FROM clouds AS c
 WHERE c.id = r.cloud_id
   AND r.endpoint_url IS NOT NULL
   AND r.endpoint_url <> c.auth_url;
