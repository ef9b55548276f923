-- Cloud manager v8 rollback: drop regions.endpoint_url.

ALTER TABLE regions DROP COLUMN endpoint_url;
