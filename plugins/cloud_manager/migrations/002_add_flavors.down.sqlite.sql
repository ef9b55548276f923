-- Cloud manager v2 rollback (SQLite): drop the flavor inventory.

DROP TABLE flavors;
