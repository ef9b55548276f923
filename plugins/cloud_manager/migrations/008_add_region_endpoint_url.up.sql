-- Cloud manager v8: regions can have their own identity endpoint.
-- Backfill existing regions with their cloud's auth_url.

ALTER TABLE regions
  ADD COLUMN endpoint_url VARCHAR(512) NULL DEFAULT NULL AFTER description;

UPDATE regions r
  JOIN clouds c ON c.id = r.cloud_id
   SET r.endpoint_url = c.auth_url
 WHERE r.endpoint_url IS NULL;
