-- Cloud manager v16: history of quota limit changes, written by triggers so
-- that changes made by the sync agents are captured as well as API changes.
-- The API sets the session variable @aos_request_user before writing.
-- No foreign keys on purpose: the history must survive project deletion.

CREATE TABLE quota_change_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  quota_id BIGINT UNSIGNED NOT NULL,
  project_id BIGINT UNSIGNED NOT NULL,
  region_id BIGINT UNSIGNED NOT NULL,
  resource VARCHAR(64) NOT NULL,
  old_limit BIGINT NULL DEFAULT NULL,
  new_limit BIGINT NOT NULL,
  changed_by VARCHAR(64) NULL DEFAULT NULL,
  changed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  KEY idx_quota_change_log_quota (quota_id, changed_at),
  KEY idx_quota_change_log_project (project_id, changed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER trg_quotas_log_insert AFTER INSERT ON quotas
FOR EACH ROW
BEGIN
  INSERT INTO quota_change_log (quota_id, project_id, region_id, resource, old_limit, new_limit, changed_by)
  VALUES (NEW.id, NEW.project_id, NEW.region_id, NEW.resource, NULL, NEW.hard_limit, @aos_request_user);
END;

CREATE TRIGGER trg_quotas_log_update AFTER UPDATE ON quotas
FOR EACH ROW
BEGIN
  /* only real limit changes are logged; touching updated_at is not a change */
  INSERT INTO quota_change_log (quota_id, project_id, region_id, resource, old_limit, new_limit, changed_by)
  SELECT NEW.id, NEW.project_id, NEW.region_id, NEW.resource, OLD.hard_limit, NEW.hard_limit, @aos_request_user
    FROM DUAL
   WHERE NOT (OLD.hard_limit <=> NEW.hard_limit);
END;
