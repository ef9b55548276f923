-- Cloud manager v9 (SQLite): maintain updated_at in the database for the
-- mutable inventory tables (the sync agents issue bulk UPDATEs that bypass
-- the ORM).
--
-- MySQL's BEFORE UPDATE triggers assign NEW.updated_at = NOW(). SQLite
-- triggers cannot assign to NEW, so the triggers (same names) run AFTER
-- UPDATE and write CURRENT_TIMESTAMP into the updated row: the outcome is the
-- same, updated_at is the time of the last update whatever the UPDATE set.
-- The WHEN clause only skips the write when updated_at already holds the
-- current time (nothing would change); it also keeps a trigger from re-firing
-- itself should recursive_triggers be switched on.

CREATE TRIGGER trg_clouds_set_updated_at AFTER UPDATE ON clouds
FOR EACH ROW
WHEN NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
  UPDATE clouds SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TRIGGER trg_regions_set_updated_at AFTER UPDATE ON regions
FOR EACH ROW
WHEN NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
  UPDATE regions SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TRIGGER trg_projects_set_updated_at AFTER UPDATE ON projects
FOR EACH ROW
WHEN NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
  UPDATE projects SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TRIGGER trg_instances_set_updated_at AFTER UPDATE ON instances
FOR EACH ROW
WHEN NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
  UPDATE instances SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TRIGGER trg_quotas_set_updated_at AFTER UPDATE ON quotas
FOR EACH ROW
WHEN NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
  UPDATE quotas SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
