-- Dashboard v6 (PostgreSQL): keep updated_at current in the database instead
-- of relying on every API code path. widgets gains the column it was missing
-- (appended; created_at was the last column, so the position is the same).
-- Each MySQL trigger becomes a plpgsql function of the same name plus the
-- trigger. Like the MySQL body (SET NEW.updated_at = NOW()), every UPDATE
-- sets updated_at.

ALTER TABLE widgets
  ADD COLUMN updated_at TIMESTAMP(0) NULL;

CREATE FUNCTION trg_dashboards_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$fn$;

CREATE TRIGGER trg_dashboards_set_updated_at BEFORE UPDATE ON dashboards
FOR EACH ROW EXECUTE FUNCTION trg_dashboards_set_updated_at();

CREATE FUNCTION trg_widgets_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$fn$;

CREATE TRIGGER trg_widgets_set_updated_at BEFORE UPDATE ON widgets
FOR EACH ROW EXECUTE FUNCTION trg_widgets_set_updated_at();

CREATE FUNCTION trg_saved_filters_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$fn$;

CREATE TRIGGER trg_saved_filters_set_updated_at BEFORE UPDATE ON saved_filters
FOR EACH ROW EXECUTE FUNCTION trg_saved_filters_set_updated_at();
