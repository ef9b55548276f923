-- monitor v9 (expand, rolling upgrade): metrics.unit is renamed to
-- metrics.measurement_unit, the name the collector's API and the dashboard
-- use, in three steps so that the previous release keeps running on the
-- other controllers until the last one is upgraded:
--   v9  expand:   add measurement_unit, keep unit and measurement_unit equal
--                 with triggers, whichever release writes;
--   v10 migrate:  copy unit into measurement_unit for the existing rows;
--   v11 contract: drop the triggers and unit.
-- This step only adds: the previous release's INSERT, UPDATE and SELECT of
-- unit keep working, and what they write shows in measurement_unit.
--
-- The new column is nullable like unit and appended at the end (an instant
-- ADD COLUMN on MariaDB 10.3+ and MySQL 8.0, no table copy on Galera).
-- Trigger rules (the same on every engine):
--   INSERT: a row that names only one of the two columns gets the other from
--           it (the previous release writes unit, this one measurement_unit);
--   UPDATE: a change of measurement_unit is copied to unit, otherwise a change
--           of unit is copied to measurement_unit (this release wins when a
--           statement changes both).

ALTER TABLE metrics
    ADD COLUMN measurement_unit VARCHAR(64) NULL DEFAULT NULL;

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
