-- rs_server v9 (SQLite): sizing of virtual:instance reservations (one row per
-- reservation; the reserved capacity is exposed as a dedicated flavor).
-- Column comment (not supported by SQLite):
--   affinity: NULL = no preference

CREATE TABLE instance_reservations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reservation_id INTEGER NOT NULL,
  vcpus INTEGER NOT NULL,
  memory_mb INTEGER NOT NULL,
  disk_gb INTEGER NOT NULL DEFAULT 0,
  amount INTEGER NOT NULL DEFAULT 1,
  affinity INTEGER,
  flavor_id TEXT,
  server_group_id TEXT,
  aggregate_id INTEGER,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_instance_reservations_reservation FOREIGN KEY (reservation_id)
    REFERENCES reservations (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_instance_reservations_reservation ON instance_reservations (reservation_id);
