-- monitor v11 down (SQLite): put metrics.unit back (appended: SQLite has no
-- AFTER clause), fill it from measurement_unit, and recreate the v9 sync
-- triggers exactly as v9 made them.

ALTER TABLE metrics ADD COLUMN unit TEXT;

UPDATE metrics
   SET unit = measurement_unit;

CREATE TRIGGER trg_metrics_unit_sync_insert AFTER INSERT ON metrics
FOR EACH ROW
WHEN (NEW.measurement_unit IS NULL) <> (NEW.unit IS NULL)
BEGIN
    /* rolling rename of unit to measurement_unit (v9..v11) */
    UPDATE metrics
       SET unit = COALESCE(NEW.unit, NEW.measurement_unit),
           measurement_unit = COALESCE(NEW.measurement_unit, NEW.unit)
     WHERE id = NEW.id;
END;

CREATE TRIGGER trg_metrics_unit_sync_update_new AFTER UPDATE OF measurement_unit ON metrics
FOR EACH ROW
WHEN NEW.measurement_unit IS NOT OLD.measurement_unit
 AND NEW.unit IS NOT NEW.measurement_unit
BEGIN
    UPDATE metrics SET unit = NEW.measurement_unit WHERE id = NEW.id;
END;

CREATE TRIGGER trg_metrics_unit_sync_update_old AFTER UPDATE OF unit ON metrics
FOR EACH ROW
WHEN NEW.unit IS NOT OLD.unit
 AND NEW.measurement_unit IS OLD.measurement_unit
 AND NEW.measurement_unit IS NOT NEW.unit
BEGIN
    UPDATE metrics SET measurement_unit = NEW.unit WHERE id = NEW.id;
END;
