-- Cloud manager v16 (SQLite): history of quota limit changes, written by
-- triggers so that changes made by the sync agents are captured as well as
-- API changes. No foreign keys on purpose: the history must survive project
-- deletion.
--
-- changed_by: the MySQL triggers record the session variable
-- @aos_request_user, which the API sets before writing. SQLite has no
-- session variables (and a trigger cannot read a connection's TEMP tables),
-- so on SQLite the triggers store NULL in changed_by; the column is kept so
-- the table has the same shape.
-- The "only real limit changes" filter (NOT (OLD.hard_limit <=>
-- NEW.hard_limit) ... FROM DUAL) becomes a WHEN clause with IS NOT, SQLite's
-- NULL-safe comparison.

CREATE TABLE quota_change_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  quota_id INTEGER NOT NULL,
  project_id INTEGER NOT NULL,
  region_id INTEGER NOT NULL,
  resource TEXT NOT NULL,
  old_limit INTEGER,
  new_limit INTEGER NOT NULL,
  changed_by TEXT,
  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);

CREATE INDEX idx_quota_change_log_quota ON quota_change_log (quota_id, changed_at);
CREATE INDEX idx_quota_change_log_project ON quota_change_log (project_id, changed_at);

CREATE TRIGGER trg_quotas_log_insert AFTER INSERT ON quotas
FOR EACH ROW
BEGIN
  INSERT INTO quota_change_log (quota_id, project_id, region_id, resource, old_limit, new_limit, changed_by)
  VALUES (NEW.id, NEW.project_id, NEW.region_id, NEW.resource, NULL, NEW.hard_limit, NULL);
END;

CREATE TRIGGER trg_quotas_log_update AFTER UPDATE ON quotas
FOR EACH ROW
WHEN OLD.hard_limit IS NOT NEW.hard_limit
BEGIN
  /* only real limit changes are logged; touching updated_at is not a change */
  INSERT INTO quota_change_log (quota_id, project_id, region_id, resource, old_limit, new_limit, changed_by)
  VALUES (NEW.id, NEW.project_id, NEW.region_id, NEW.resource, OLD.hard_limit, NEW.hard_limit, NULL);
END;
