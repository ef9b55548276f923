-- rs_server v5 (SQLite): reservation policies limiting lease length, size and
-- lead time. Seeded with the policies shipped with AccentOS; exactly one of
-- them is the default.
-- Column comments (not supported by SQLite):
--   max_lease_duration_s, max_hosts_per_lease: NULL = unlimited

CREATE TABLE reservation_policies (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  description TEXT,
  max_lease_duration_s INTEGER,
  max_hosts_per_lease INTEGER,
  min_lead_time_s INTEGER NOT NULL DEFAULT 0,
  before_end_action TEXT NOT NULL DEFAULT 'default' CHECK (before_end_action IN ('default','snapshot','email')),
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX uq_reservation_policies_name ON reservation_policies (name);

INSERT INTO reservation_policies
  (name, description, max_lease_duration_s, max_hosts_per_lease, min_lead_time_s, before_end_action, is_default)
VALUES
  ('default', 'Default policy; leases up to 7 days, 10 hosts', 604800, 10, 0, 'default', 1),
  ('maintenance', 'Ops team''s maintenance windows (no limits)', NULL, NULL, 0, 'email', 0),
  ('gpu_short', 'GPU hosts: 24 h max; 2 hosts max; book 1 h ahead', 86400, 2, 3600, 'snapshot', 0);
