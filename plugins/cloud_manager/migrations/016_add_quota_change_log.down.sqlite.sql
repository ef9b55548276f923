-- Cloud manager v16 rollback (SQLite): drop the logging triggers, then the
-- log table.

DROP TRIGGER trg_quotas_log_update;
DROP TRIGGER trg_quotas_log_insert;
DROP TABLE quota_change_log;
