-- Dashboard v11 (PostgreSQL): per-widget auto-refresh interval. Defaults to
-- 60 s; the expensive aggregate widgets are backfilled to 5 minutes. (The
-- column is appended: no AFTER clause in PostgreSQL.) As in MySQL, the
-- backfill goes through trg_widgets_set_updated_at.

ALTER TABLE widgets
  ADD COLUMN refresh_interval_s BIGINT NOT NULL DEFAULT 60;

UPDATE widgets
   SET refresh_interval_s = 300
 WHERE widget_type IN ('quota_usage', 'capacity_trend');

UPDATE widget_types
   SET default_height = 4
 WHERE code = 'quota_usage' AND is_builtin;
