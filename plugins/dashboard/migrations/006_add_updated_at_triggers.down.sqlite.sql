-- Dashboard v6 rollback (SQLite): drop the updated_at triggers and
-- widgets.updated_at.

DROP TRIGGER trg_saved_filters_set_updated_at;
DROP TRIGGER trg_widgets_set_updated_at;
DROP TRIGGER trg_dashboards_set_updated_at;

ALTER TABLE widgets DROP COLUMN updated_at;
