-- Cloud manager v11 rollback (SQLite): drop instance addresses.

DROP TABLE instance_addresses;
