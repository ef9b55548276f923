-- Cloud manager v7 (SQLite): append-only audit log of API actions.
-- Column comment (not supported by SQLite):
--   request_id: OpenStack x-openstack-request-id

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  occurred_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  actor_user_id TEXT,
  actor_project_id TEXT,
  action TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT,
  request_id TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('success','failure')),
  details TEXT
);

CREATE INDEX idx_audit_log_occurred_at ON audit_log (occurred_at);
CREATE INDEX idx_audit_log_resource ON audit_log (resource_type, resource_id);
