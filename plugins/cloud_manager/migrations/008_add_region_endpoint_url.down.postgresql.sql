-- Cloud manager v8 rollback (PostgreSQL): drop regions.endpoint_url.

ALTER TABLE regions DROP COLUMN endpoint_url;
