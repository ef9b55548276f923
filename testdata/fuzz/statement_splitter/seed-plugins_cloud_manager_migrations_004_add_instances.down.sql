-- Cloud manager v4 rollback: drop the server inventory.

DROP TABLE instances;
