-- Cloud manager v11 rollback (PostgreSQL): drop instance addresses.

DROP TABLE instance_addresses;
