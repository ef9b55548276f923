-- rs_server v5: reservation policies limiting lease length, size and lead
-- time. Seeded with the policies shipped with AccentOS; exactly one of them
-- is the default.

CREATE TABLE reservation_policies (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  name VARCHAR(64) NOT NULL,
  description VARCHAR(255) NULL DEFAULT NULL,
  max_lease_duration_s INT UNSIGNED NULL DEFAULT NULL COMMENT 'NULL = unlimited',
  max_hosts_per_lease INT UNSIGNED NULL DEFAULT NULL COMMENT 'NULL = unlimited',
  min_lead_time_s INT UNSIGNED NOT NULL DEFAULT 0,
  before_end_action ENUM('default','snapshot','email') NOT NULL DEFAULT 'default',
  is_default TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_reservation_policies_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO reservation_policies
  (name, description, max_lease_duration_s, max_hosts_per_lease, min_lead_time_s, before_end_action, is_default)
VALUES
  ('default', 'Default policy; leases up to 7 days, 10 hosts', 604800, 10, 0, 'default', 1),
  ('maintenance', 'Ops team''s maintenance windows (no limits)', NULL, NULL, 0, 'email', 0),
  ('gpu_short', 'GPU hosts: 24 h max; 2 hosts max; book 1 h ahead', 86400, 2, 3600, 'snapshot', 0);
