-- Cloud manager v17 (PostgreSQL): flavor extra specs (hw:cpu_policy,
-- aggregate_instance_extra_specs:..., ...) needed to explain placement
-- decisions in the UI.

CREATE TABLE flavor_extra_specs (
  flavor_id BIGINT NOT NULL,
  spec_key VARCHAR(255) NOT NULL,
  spec_value VARCHAR(255) NOT NULL,
  PRIMARY KEY (flavor_id, spec_key),
  CONSTRAINT fk_flavor_extra_specs_flavor FOREIGN KEY (flavor_id)
    REFERENCES flavors (id) ON DELETE CASCADE
);
