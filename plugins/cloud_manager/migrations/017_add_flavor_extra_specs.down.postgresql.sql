-- Cloud manager v17 rollback (PostgreSQL): drop flavor extra specs.

DROP TABLE flavor_extra_specs;
