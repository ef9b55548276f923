-- Cloud manager v9 rollback (SQLite): drop the updated_at triggers.

DROP TRIGGER trg_quotas_set_updated_at;
DROP TRIGGER trg_instances_set_updated_at;
DROP TRIGGER trg_projects_set_updated_at;
DROP TRIGGER trg_regions_set_updated_at;
DROP TRIGGER trg_clouds_set_updated_at;
