-- Cloud manager v26 rollback (PostgreSQL): drop the unique constraint.

ALTER TABLE instances
  DROP CONSTRAINT uq_instances_region_external;
