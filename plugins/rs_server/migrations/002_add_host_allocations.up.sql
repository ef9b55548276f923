-- rs_server v2: which hosts are allocated to which host reservation.
-- A host that still has allocations cannot be deleted (RESTRICT).

CREATE TABLE host_allocations (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reservation_id BIGINT UNSIGNED NOT NULL,
  host_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_host_allocations_reservation_host (reservation_id, host_id),
  KEY idx_host_allocations_host (host_id),
  CONSTRAINT fk_host_allocations_reservation FOREIGN KEY (reservation_id)
    REFERENCES reservations (id) ON DELETE CASCADE,
  CONSTRAINT fk_host_allocations_host FOREIGN KEY (host_id)
    REFERENCES hosts (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
