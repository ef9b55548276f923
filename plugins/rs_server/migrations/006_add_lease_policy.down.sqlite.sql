-- rs_server v6 rollback (SQLite): drop the lease -> policy reference (the
-- index first, SQLite cannot drop an indexed column; dropping the column
-- drops its column-level foreign key fk_leases_policy).

DROP INDEX idx_leases_policy;

ALTER TABLE leases DROP COLUMN policy_id;
