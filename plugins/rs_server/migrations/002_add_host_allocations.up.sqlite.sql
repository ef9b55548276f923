-- rs_server v2 (SQLite): which hosts are allocated to which host reservation.
-- A host that still has allocations cannot be deleted (RESTRICT).

CREATE TABLE host_allocations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reservation_id INTEGER NOT NULL,
  host_id INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_host_allocations_reservation FOREIGN KEY (reservation_id)
    REFERENCES reservations (id) ON DELETE CASCADE,
  CONSTRAINT fk_host_allocations_host FOREIGN KEY (host_id)
    REFERENCES hosts (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX uq_host_allocations_reservation_host ON host_allocations (reservation_id, host_id);
CREATE INDEX idx_host_allocations_host ON host_allocations (host_id);
