-- Cloud manager v26 rollback (SQLite): drop the unique constraint.

DROP INDEX uq_instances_region_external;
