-- Cloud manager v11 (SQLite): IP addresses of servers (fixed and floating),
-- so that "which server owns 203.0.113.7?" is an indexed lookup.

CREATE TABLE instance_addresses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  instance_id INTEGER NOT NULL,
  network_name TEXT NOT NULL,
  address TEXT NOT NULL,
  ip_version INTEGER NOT NULL DEFAULT 4,
  mac_address TEXT,
  addr_type TEXT NOT NULL DEFAULT 'fixed' CHECK (addr_type IN ('fixed','floating')),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_instance_addresses_instance FOREIGN KEY (instance_id)
    REFERENCES instances (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_instance_addresses_instance_address ON instance_addresses (instance_id, address);
CREATE INDEX idx_instance_addresses_address ON instance_addresses (address);
