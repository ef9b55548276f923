-- Cloud manager v17 rollback: drop flavor extra specs.

DROP TABLE flavor_extra_specs;
