-- Cloud manager v8 (SQLite): regions can have their own identity endpoint.
-- Backfill existing regions with their cloud's auth_url. (endpoint_url is
-- appended at the end; MySQL puts it after description.)

ALTER TABLE regions ADD COLUMN endpoint_url TEXT;

UPDATE regions AS r
   SET endpoint_url = c.auth_url
  FROM clouds AS c
 WHERE c.id = r.cloud_id
   AND r.endpoint_url IS NULL;
