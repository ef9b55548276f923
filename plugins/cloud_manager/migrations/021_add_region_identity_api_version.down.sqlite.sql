-- Cloud manager v21 rollback (SQLite): drop regions.identity_api_version
-- (every region falls back to clouds.api_version again).

ALTER TABLE regions DROP COLUMN identity_api_version;
