-- Dashboard v6 (SQLite): keep updated_at current in the database instead of
-- relying on every API code path. widgets gains the column it was missing
-- (appended at the end; MySQL puts it after created_at).
--
-- MySQL's BEFORE UPDATE triggers assign NEW.updated_at = NOW(). SQLite
-- triggers cannot assign to NEW, so the triggers (same names) run AFTER
-- UPDATE and write CURRENT_TIMESTAMP into the updated row: the outcome is the
-- same, updated_at is the time of the last update whatever the UPDATE set.
-- The WHEN clause only skips the write when updated_at already holds the
-- current time (nothing would change); it also keeps a trigger from re-firing
-- itself should recursive_triggers be switched on.

ALTER TABLE widgets ADD COLUMN updated_at TEXT;

CREATE TRIGGER trg_dashboards_set_updated_at AFTER UPDATE ON dashboards
FOR EACH ROW
WHEN NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
  UPDATE dashboards SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TRIGGER trg_widgets_set_updated_at AFTER UPDATE ON widgets
FOR EACH ROW
WHEN NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
  UPDATE widgets SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TRIGGER trg_saved_filters_set_updated_at AFTER UPDATE ON saved_filters
FOR EACH ROW
WHEN NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
  UPDATE saved_filters SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
