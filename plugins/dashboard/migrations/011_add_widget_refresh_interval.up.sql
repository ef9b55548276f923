-- Dashboard v11: per-widget auto-refresh interval. Defaults to 60 s; the
-- expensive aggregate widgets are backfilled to 5 minutes.

ALTER TABLE widgets
  ADD COLUMN refresh_interval_s INT UNSIGNED NOT NULL DEFAULT 60 AFTER height;

UPDATE widgets
   SET refresh_interval_s = 300
 WHERE widget_type IN ('quota_usage', 'capacity_trend');

UPDATE widget_types
   SET default_height = 4
 WHERE code = 'quota_usage' AND is_builtin = 1;
