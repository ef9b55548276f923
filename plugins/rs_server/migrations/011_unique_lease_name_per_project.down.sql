-- rs_server v11 rollback: drop the unique constraint.

ALTER TABLE leases
  DROP KEY uq_leases_project_name;
