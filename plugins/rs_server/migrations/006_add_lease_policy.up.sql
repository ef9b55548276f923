-- rs_server v6: every lease is governed by a reservation policy.
-- Existing leases are backfilled with the default policy.

ALTER TABLE leases
  ADD COLUMN policy_id INT UNSIGNED NULL DEFAULT NULL AFTER user_id;

UPDATE leases
   SET policy_id = (SELECT p.id FROM reservation_policies p
                     WHERE p.is_default = 1 ORDER BY p.id LIMIT 1)
 WHERE policy_id IS NULL;

ALTER TABLE leases
  ADD KEY idx_leases_policy (policy_id),
  ADD CONSTRAINT fk_leases_policy FOREIGN KEY (policy_id)
    REFERENCES reservation_policies (id) ON DELETE SET NULL;
