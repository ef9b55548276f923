-- rs_server v11 rollback (PostgreSQL): drop the unique constraint.

ALTER TABLE leases
  DROP CONSTRAINT uq_leases_project_name;
