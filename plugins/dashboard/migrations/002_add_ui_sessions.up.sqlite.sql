-- Dashboard v2 (SQLite): server-side UI sessions.
-- Only a SHA-256 of the session cookie is stored; expired rows are purged by
-- the housekeeping job using idx_ui_sessions_expires_at.
-- Column comment (not supported by SQLite):
--   session_key: SHA-256 of the session cookie

CREATE TABLE ui_sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_key TEXT NOT NULL,
  user_id TEXT NOT NULL,
  project_id TEXT,
  client_ip TEXT,
  user_agent TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_seen_at TEXT,
  expires_at TEXT NOT NULL
);

CREATE UNIQUE INDEX uq_ui_sessions_session_key ON ui_sessions (session_key);
CREATE INDEX idx_ui_sessions_user ON ui_sessions (user_id);
CREATE INDEX idx_ui_sessions_expires_at ON ui_sessions (expires_at);
