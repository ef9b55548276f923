-- Cloud manager v26 rollback: drop the unique constraint.

ALTER TABLE instances
  DROP KEY uq_instances_region_external;
