-- Resource scheduler (rs_server) v1 (SQLite): initial schema.
-- Reservable compute hosts, leases (a time window owned by a project) and
-- the reservations a lease is made of.
--
-- SQLite mapping used by every rs_server script:
--   integer types -> INTEGER; AUTO_INCREMENT id -> INTEGER PRIMARY KEY
--   AUTOINCREMENT; CHAR/VARCHAR/TEXT -> TEXT (SQLite does not enforce
--   lengths); ENUM -> TEXT with a CHECK on the allowed values; DATETIME ->
--   TEXT 'YYYY-MM-DD HH:MM:SS' (UTC); KEY / UNIQUE KEY -> CREATE [UNIQUE]
--   INDEX with the same name; UNSIGNED is not enforced.
--   reservations.hypervisor_properties and resource_properties are the last
--   columns here (MySQL: after max_count) so that v10's down step can re-add
--   them with ALTER TABLE ADD COLUMN and still restore exactly this table
--   definition.
-- Column comments (not supported by SQLite):
--   hosts.service_name: nova-compute service host
--   reservations.hypervisor_properties: JSON filter on host attributes
--   reservations.resource_properties: JSON filter on extra capabilities

CREATE TABLE hosts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  hypervisor_hostname TEXT NOT NULL,
  service_name TEXT,
  availability_zone TEXT,
  hypervisor_type TEXT,
  vcpus INTEGER NOT NULL,
  memory_mb INTEGER NOT NULL,
  local_gb INTEGER NOT NULL,
  cpu_info TEXT,
  status TEXT NOT NULL DEFAULT 'up' CHECK (status IN ('up','down','maintenance')),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT
);

CREATE UNIQUE INDEX uq_hosts_hypervisor_hostname ON hosts (hypervisor_hostname);
CREATE INDEX idx_hosts_availability_zone ON hosts (availability_zone);

CREATE TABLE leases (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL,
  name TEXT NOT NULL,
  project_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','STARTING','ACTIVE','TERMINATING','TERMINATED','ERROR')),
  degraded INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT
);

CREATE UNIQUE INDEX uq_leases_uuid ON leases (uuid);
CREATE INDEX idx_leases_project ON leases (project_id);
CREATE INDEX idx_leases_period ON leases (start_date, end_date);

CREATE TABLE reservations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL,
  lease_id INTEGER NOT NULL,
  resource_type TEXT NOT NULL CHECK (resource_type IN ('physical:host','virtual:instance')),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','active','deleted','error')),
  min_count INTEGER NOT NULL DEFAULT 1,
  max_count INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT,
  hypervisor_properties TEXT,
  resource_properties TEXT,
  CONSTRAINT fk_reservations_lease FOREIGN KEY (lease_id)
    REFERENCES leases (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_reservations_uuid ON reservations (uuid);
CREATE INDEX idx_reservations_lease ON reservations (lease_id);
