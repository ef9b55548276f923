-- Dashboard v6: keep updated_at current in the database instead of relying on
-- every API code path. widgets gains the column it was missing.

ALTER TABLE widgets
  ADD COLUMN updated_at DATETIME NULL DEFAULT NULL AFTER created_at;

CREATE TRIGGER trg_dashboards_set_updated_at BEFORE UPDATE ON dashboards
FOR EACH ROW
BEGIN
  SET NEW.updated_at = NOW();
END;

CREATE TRIGGER trg_widgets_set_updated_at BEFORE UPDATE ON widgets
FOR EACH ROW
BEGIN
  SET NEW.updated_at = NOW();
END;

CREATE TRIGGER trg_saved_filters_set_updated_at BEFORE UPDATE ON saved_filters
FOR EACH ROW
BEGIN
  SET NEW.updated_at = NOW();
END;
