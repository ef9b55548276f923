-- Cloud manager v11 rollback: drop instance addresses.

DROP TABLE instance_addresses;
