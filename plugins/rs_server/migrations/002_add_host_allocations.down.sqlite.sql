-- rs_server v2 rollback (SQLite): drop host allocations.

DROP TABLE host_allocations;
