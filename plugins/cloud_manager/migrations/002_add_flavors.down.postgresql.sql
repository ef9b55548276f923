-- Cloud manager v2 rollback (PostgreSQL): drop the flavor inventory.

DROP TABLE flavors;
