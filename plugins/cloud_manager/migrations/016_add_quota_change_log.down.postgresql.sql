-- Cloud manager v16 rollback (PostgreSQL): drop the logging triggers and
-- their functions, then the log table.

DROP TRIGGER trg_quotas_log_update ON quotas;
DROP TRIGGER trg_quotas_log_insert ON quotas;
DROP FUNCTION trg_quotas_log_update();
DROP FUNCTION trg_quotas_log_insert();
DROP TABLE quota_change_log;
