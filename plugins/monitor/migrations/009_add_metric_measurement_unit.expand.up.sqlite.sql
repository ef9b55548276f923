-- monitor v9 (expand, SQLite): add metrics.measurement_unit, the new name of
-- metrics.unit, and keep both equal while the previous release runs (see
-- 009_add_metric_measurement_unit.expand.up.sql for the three steps and the
-- trigger rules). SQLite triggers cannot assign NEW, so AFTER triggers update
-- the row they fired for; their WHEN clauses stop as soon as the two columns
-- agree, so the UPDATE one trigger makes fires the others for nothing (and
-- nothing loops, recursive_triggers on or off). The column is appended.

ALTER TABLE metrics ADD COLUMN measurement_unit TEXT;

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
