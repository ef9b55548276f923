-- Cloud manager v4 rollback (PostgreSQL): drop the server inventory.

DROP TABLE instances;
