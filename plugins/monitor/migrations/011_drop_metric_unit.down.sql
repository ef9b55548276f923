-- monitor v11 down: put metrics.unit back where it was (after name), fill it
-- from measurement_unit, and recreate the v9 sync triggers exactly as v9 made
-- them, so the previous release can run again.

ALTER TABLE metrics
    ADD COLUMN unit VARCHAR(64) NULL DEFAULT NULL AFTER name;

UPDATE metrics
   SET unit = measurement_unit;

CREATE TRIGGER trg_metrics_unit_sync_insert BEFORE INSERT ON metrics
FOR EACH ROW
BEGIN
    /* rolling rename of unit to measurement_unit (v9..v11) */
    IF NEW.measurement_unit IS NULL THEN
        SET NEW.measurement_unit = NEW.unit;
    ELSEIF NEW.unit IS NULL THEN
        SET NEW.unit = NEW.measurement_unit;
    END IF;
END;

CREATE TRIGGER trg_metrics_unit_sync_update BEFORE UPDATE ON metrics
FOR EACH ROW
BEGIN
    /* rolling rename of unit to measurement_unit (v9..v11) */
    IF NOT (NEW.measurement_unit <=> OLD.measurement_unit) THEN
        SET NEW.unit = NEW.measurement_unit;
    ELSEIF NOT (NEW.unit <=> OLD.unit) THEN
        SET NEW.measurement_unit = NEW.unit;
    END IF;
END;
