-- Cloud manager v27 rollback: drop capacity snapshots.

DROP TABLE region_capacity_snapshots;
