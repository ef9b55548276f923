-- Cloud manager v22 (SQLite): Nova server metadata key/value pairs.

CREATE TABLE instance_metadata (
  instance_id INTEGER NOT NULL,
  meta_key TEXT NOT NULL,
  meta_value TEXT,
  PRIMARY KEY (instance_id, meta_key),
  CONSTRAINT fk_instance_metadata_instance FOREIGN KEY (instance_id)
    REFERENCES instances (id) ON DELETE CASCADE
);
