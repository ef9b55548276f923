-- Cloud manager v22 rollback (PostgreSQL): drop server metadata.

DROP TABLE instance_metadata;
