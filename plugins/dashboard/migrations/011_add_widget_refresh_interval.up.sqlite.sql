-- Dashboard v11 (SQLite): per-widget auto-refresh interval. Defaults to 60 s;
-- the expensive aggregate widgets are backfilled to 5 minutes.
-- (refresh_interval_s is appended at the end; MySQL puts it after height.)
-- As in MySQL, the widgets UPDATE fires trg_widgets_set_updated_at.

ALTER TABLE widgets ADD COLUMN refresh_interval_s INTEGER NOT NULL DEFAULT 60;

UPDATE widgets
   SET refresh_interval_s = 300
 WHERE widget_type IN ('quota_usage', 'capacity_trend');

UPDATE widget_types
   SET default_height = 4
 WHERE code = 'quota_usage' AND is_builtin = 1;
