-- rs_server v3 (SQLite): scheduled lease events processed by the manager
-- loop (start_lease, before_end_lease, end_lease).

CREATE TABLE lease_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  lease_id INTEGER NOT NULL,
  event_type TEXT NOT NULL CHECK (event_type IN ('start_lease','before_end_lease','end_lease')),
  event_time TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'UNDONE' CHECK (status IN ('UNDONE','IN_PROGRESS','DONE','ERROR')),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT,
  CONSTRAINT fk_lease_events_lease FOREIGN KEY (lease_id)
    REFERENCES leases (id) ON DELETE CASCADE
);

CREATE INDEX idx_lease_events_status_time ON lease_events (status, event_time);
CREATE INDEX idx_lease_events_lease ON lease_events (lease_id);
