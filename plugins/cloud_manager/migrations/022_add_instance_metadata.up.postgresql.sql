-- Cloud manager v22 (PostgreSQL): Nova server metadata key/value pairs.

CREATE TABLE instance_metadata (
  instance_id BIGINT NOT NULL,
  meta_key VARCHAR(255) NOT NULL,
  meta_value VARCHAR(255) NULL,
  PRIMARY KEY (instance_id, meta_key),
  CONSTRAINT fk_instance_metadata_instance FOREIGN KEY (instance_id)
    REFERENCES instances (id) ON DELETE CASCADE
);
