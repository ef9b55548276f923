-- Cloud manager v22 rollback: drop server metadata.

DROP TABLE instance_metadata;
