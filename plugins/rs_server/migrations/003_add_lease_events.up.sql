-- rs_server v3: scheduled lease events processed by the manager loop
-- (start_lease, before_end_lease, end_lease).

CREATE TABLE lease_events (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  lease_id BIGINT UNSIGNED NOT NULL,
  event_type ENUM('start_lease','before_end_lease','end_lease') NOT NULL,
  event_time DATETIME NOT NULL,
  status ENUM('UNDONE','IN_PROGRESS','DONE','ERROR') NOT NULL DEFAULT 'UNDONE',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (id),
  KEY idx_lease_events_status_time (status, event_time),
  KEY idx_lease_events_lease (lease_id),
  CONSTRAINT fk_lease_events_lease FOREIGN KEY (lease_id)
    REFERENCES leases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
