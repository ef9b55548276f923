-- rs_server v11 rollback (SQLite): drop the unique constraint.

DROP INDEX uq_leases_project_name;
