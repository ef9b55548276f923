-- Cloud manager v6 (SQLite): asynchronous task queue / history (sync jobs,
-- quota pushes, bulk instance actions).

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL,
  task_type TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','running','succeeded','failed','cancelled')),
  target_type TEXT,
  target_id TEXT,
  requested_by TEXT,
  payload TEXT,
  result TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  started_at TEXT,
  finished_at TEXT
);

CREATE UNIQUE INDEX uq_tasks_uuid ON tasks (uuid);
CREATE INDEX idx_tasks_status_created ON tasks (status, created_at);
CREATE INDEX idx_tasks_target ON tasks (target_type, target_id);
