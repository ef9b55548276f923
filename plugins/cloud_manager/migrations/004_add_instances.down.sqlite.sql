-- Cloud manager v4 rollback (SQLite): drop the server inventory.

DROP TABLE instances;
