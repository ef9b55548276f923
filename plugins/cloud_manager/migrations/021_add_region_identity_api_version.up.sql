-- Cloud manager v21: regions with their own identity endpoint may speak a
-- different Keystone API version than the cloud's main endpoint.
-- NULL means "inherit clouds.api_version". Regions that already have a
-- dedicated endpoint are backfilled with the cloud's version explicitly, so
-- that a later change of the cloud-level value does not silently affect them.

ALTER TABLE regions
  ADD COLUMN identity_api_version VARCHAR(16) NULL DEFAULT NULL COMMENT 'NULL: inherit clouds.api_version' AFTER endpoint_url;

UPDATE regions r
  JOIN clouds c ON c.id = r.cloud_id
   SET r.identity_api_version = c.api_version
 WHERE r.endpoint_url IS NOT NULL
   AND r.endpoint_url <> c.auth_url;
