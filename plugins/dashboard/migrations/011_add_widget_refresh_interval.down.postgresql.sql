-- Dashboard v11 rollback (PostgreSQL): drop the refresh interval and restore
-- the previous default height of the built-in quota_usage widget type.

UPDATE widget_types
   SET default_height = 3
 WHERE code = 'quota_usage' AND is_builtin;

ALTER TABLE widgets DROP COLUMN refresh_interval_s;
