-- monitor v11 down (PostgreSQL): put metrics.unit back (appended: PostgreSQL
-- has no AFTER clause), fill it from measurement_unit, and recreate the v9
-- sync function and trigger exactly as v9 made them.

ALTER TABLE metrics
    ADD COLUMN unit VARCHAR(64) NULL;

UPDATE metrics
   SET unit = measurement_unit;

CREATE FUNCTION trg_metrics_unit_sync() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    -- rolling rename of unit to measurement_unit (v9..v11)
    IF TG_OP = 'INSERT' THEN
        IF NEW.measurement_unit IS NULL THEN
            NEW.measurement_unit := NEW.unit;
        ELSIF NEW.unit IS NULL THEN
            NEW.unit := NEW.measurement_unit;
        END IF;
    ELSIF NEW.measurement_unit IS DISTINCT FROM OLD.measurement_unit THEN
        NEW.unit := NEW.measurement_unit;
    ELSIF NEW.unit IS DISTINCT FROM OLD.unit THEN
        NEW.measurement_unit := NEW.unit;
    END IF;
    RETURN NEW;
END;
$fn$;

CREATE TRIGGER trg_metrics_unit_sync BEFORE INSERT OR UPDATE ON metrics
FOR EACH ROW EXECUTE FUNCTION trg_metrics_unit_sync();
