-- rs_server v6 rollback (PostgreSQL): drop the lease -> policy reference.

ALTER TABLE leases
  DROP CONSTRAINT fk_leases_policy;

DROP INDEX idx_leases_policy;

ALTER TABLE leases
  DROP COLUMN policy_id;
