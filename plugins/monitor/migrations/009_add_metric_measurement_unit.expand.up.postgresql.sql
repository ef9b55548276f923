-- monitor v9 (expand, PostgreSQL): add metrics.measurement_unit, the new name
-- of metrics.unit, and keep both equal while the previous release runs (see
-- 009_add_metric_measurement_unit.expand.up.sql for the three steps and the
-- trigger rules). The MySQL pair of BEFORE INSERT / BEFORE UPDATE triggers is
-- one BEFORE INSERT OR UPDATE trigger whose function has the trigger's name;
-- <=> becomes IS DISTINCT FROM. The column is appended (PostgreSQL 11+ adds a
-- nullable column without rewriting the table).

ALTER TABLE metrics
    ADD COLUMN measurement_unit VARCHAR(64) NULL;

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
