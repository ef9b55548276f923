-- rs_server v6 (PostgreSQL): every lease is governed by a reservation policy.
-- Existing leases are backfilled with the default policy. (policy_id is
-- appended: no AFTER clause in PostgreSQL.)

ALTER TABLE leases
  ADD COLUMN policy_id BIGINT NULL;

UPDATE leases
   SET policy_id = (SELECT p.id FROM reservation_policies p
                     WHERE p.is_default ORDER BY p.id LIMIT 1)
 WHERE policy_id IS NULL;

CREATE INDEX idx_leases_policy ON leases (policy_id);

ALTER TABLE leases
  ADD CONSTRAINT fk_leases_policy FOREIGN KEY (policy_id)
    REFERENCES reservation_policies (id) ON DELETE SET NULL;
