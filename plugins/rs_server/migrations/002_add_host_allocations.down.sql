-- rs_server v2 rollback: drop host allocations.

DROP TABLE host_allocations;
