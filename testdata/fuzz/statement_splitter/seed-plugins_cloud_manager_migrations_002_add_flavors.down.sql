-- Cloud manager v2 rollback: drop the flavor inventory.

DROP TABLE flavors;
