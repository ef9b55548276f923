-- rs_server v6 (SQLite): every lease is governed by a reservation policy.
-- Existing leases are backfilled with the default policy.
-- SQLite cannot add a table-level foreign key to an existing table, but ADD
-- COLUMN accepts a named column-level one (the column must default to NULL),
-- which is the same constraint. The column is appended at the end (MySQL:
-- after user_id).

ALTER TABLE leases ADD COLUMN policy_id INTEGER
  CONSTRAINT fk_leases_policy REFERENCES reservation_policies (id) ON DELETE SET NULL;

UPDATE leases
   SET policy_id = (SELECT p.id FROM reservation_policies p
                     WHERE p.is_default = 1 ORDER BY p.id LIMIT 1)
 WHERE policy_id IS NULL;

CREATE INDEX idx_leases_policy ON leases (policy_id);
