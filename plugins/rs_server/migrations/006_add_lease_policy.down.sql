-- rs_server v6 rollback: drop the lease -> policy reference.

ALTER TABLE leases
  DROP FOREIGN KEY fk_leases_policy,
  DROP KEY idx_leases_policy;

ALTER TABLE leases
  DROP COLUMN policy_id;
