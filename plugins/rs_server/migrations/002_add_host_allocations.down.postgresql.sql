-- rs_server v2 rollback (PostgreSQL): drop host allocations.

DROP TABLE host_allocations;
