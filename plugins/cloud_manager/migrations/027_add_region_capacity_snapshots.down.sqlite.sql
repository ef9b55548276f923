-- Cloud manager v27 rollback (SQLite): drop capacity snapshots.

DROP TABLE region_capacity_snapshots;
