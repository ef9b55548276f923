-- Dashboard v6 rollback (PostgreSQL): drop the updated_at triggers (and their
-- functions) and widgets.updated_at.

DROP TRIGGER trg_saved_filters_set_updated_at ON saved_filters;
DROP TRIGGER trg_widgets_set_updated_at ON widgets;
DROP TRIGGER trg_dashboards_set_updated_at ON dashboards;

DROP FUNCTION trg_saved_filters_set_updated_at();
DROP FUNCTION trg_widgets_set_updated_at();
DROP FUNCTION trg_dashboards_set_updated_at();

ALTER TABLE widgets DROP COLUMN updated_at;
