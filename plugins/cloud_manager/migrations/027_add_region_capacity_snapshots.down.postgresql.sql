-- Cloud manager v27 rollback (PostgreSQL): drop capacity snapshots.

DROP TABLE region_capacity_snapshots;
