-- Cloud manager v8 (PostgreSQL): regions can have their own identity
-- endpoint. Backfill existing regions with their cloud's auth_url.
-- (endpoint_url is appended: no AFTER clause in PostgreSQL.)

ALTER TABLE regions
  ADD COLUMN endpoint_url VARCHAR(512) NULL;

UPDATE regions r
   SET endpoint_url = c.auth_url
  FROM clouds c
 WHERE c.id = r.cloud_id
   AND r.endpoint_url IS NULL;
