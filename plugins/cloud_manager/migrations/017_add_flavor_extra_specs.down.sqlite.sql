-- Cloud manager v17 rollback (SQLite): drop flavor extra specs.

DROP TABLE flavor_extra_specs;
