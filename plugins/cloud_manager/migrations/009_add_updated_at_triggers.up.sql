-- Cloud manager v9: maintain updated_at in the database for the mutable
-- inventory tables (the sync agents issue bulk UPDATEs that bypass the ORM).

CREATE TRIGGER trg_clouds_set_updated_at BEFORE UPDATE ON clouds
FOR EACH ROW
BEGIN
  SET NEW.updated_at = NOW();
END;

CREATE TRIGGER trg_regions_set_updated_at BEFORE UPDATE ON regions
FOR EACH ROW
BEGIN
  SET NEW.updated_at = NOW();
END;

CREATE TRIGGER trg_projects_set_updated_at BEFORE UPDATE ON projects
FOR EACH ROW
BEGIN
  SET NEW.updated_at = NOW();
END;

CREATE TRIGGER trg_instances_set_updated_at BEFORE UPDATE ON instances
FOR EACH ROW
BEGIN
  SET NEW.updated_at = NOW();
END;

CREATE TRIGGER trg_quotas_set_updated_at BEFORE UPDATE ON quotas
FOR EACH ROW
BEGIN
  SET NEW.updated_at = NOW();
END;
