-- Cloud manager v9 (PostgreSQL): maintain updated_at in the database for the
-- mutable inventory tables (the sync agents issue bulk UPDATEs that bypass
-- the ORM). Each MySQL trigger becomes a plpgsql function of the same name
-- plus the trigger; like the MySQL body (SET NEW.updated_at = NOW()), every
-- UPDATE sets updated_at.

CREATE FUNCTION trg_clouds_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$fn$;

CREATE TRIGGER trg_clouds_set_updated_at BEFORE UPDATE ON clouds
FOR EACH ROW EXECUTE FUNCTION trg_clouds_set_updated_at();

CREATE FUNCTION trg_regions_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$fn$;

CREATE TRIGGER trg_regions_set_updated_at BEFORE UPDATE ON regions
FOR EACH ROW EXECUTE FUNCTION trg_regions_set_updated_at();

CREATE FUNCTION trg_projects_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$fn$;

CREATE TRIGGER trg_projects_set_updated_at BEFORE UPDATE ON projects
FOR EACH ROW EXECUTE FUNCTION trg_projects_set_updated_at();

CREATE FUNCTION trg_instances_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$fn$;

CREATE TRIGGER trg_instances_set_updated_at BEFORE UPDATE ON instances
FOR EACH ROW EXECUTE FUNCTION trg_instances_set_updated_at();

CREATE FUNCTION trg_quotas_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$fn$;

CREATE TRIGGER trg_quotas_set_updated_at BEFORE UPDATE ON quotas
FOR EACH ROW EXECUTE FUNCTION trg_quotas_set_updated_at();
