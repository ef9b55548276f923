-- rs_server v4 (SQLite): operator-defined host capabilities (gpu=a100,
-- rack=r12, ...) matched by reservations.resource_properties.

CREATE TABLE host_extra_capabilities (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  host_id INTEGER NOT NULL,
  capability_name TEXT NOT NULL,
  capability_value TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT,
  CONSTRAINT fk_host_extra_capabilities_host FOREIGN KEY (host_id)
    REFERENCES hosts (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_host_extra_capabilities_host_name ON host_extra_capabilities (host_id, capability_name);
CREATE INDEX idx_host_extra_capabilities_name ON host_extra_capabilities (capability_name);
