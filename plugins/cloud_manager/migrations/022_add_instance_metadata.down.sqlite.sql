-- Cloud manager v22 rollback (SQLite): drop server metadata.

DROP TABLE instance_metadata;
