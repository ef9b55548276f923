-- Cloud manager v9 rollback (PostgreSQL): drop the updated_at triggers and
-- their functions.

DROP TRIGGER trg_quotas_set_updated_at ON quotas;
DROP TRIGGER trg_instances_set_updated_at ON instances;
DROP TRIGGER trg_projects_set_updated_at ON projects;
DROP TRIGGER trg_regions_set_updated_at ON regions;
DROP TRIGGER trg_clouds_set_updated_at ON clouds;

DROP FUNCTION trg_quotas_set_updated_at();
DROP FUNCTION trg_instances_set_updated_at();
DROP FUNCTION trg_projects_set_updated_at();
DROP FUNCTION trg_regions_set_updated_at();
DROP FUNCTION trg_clouds_set_updated_at();
