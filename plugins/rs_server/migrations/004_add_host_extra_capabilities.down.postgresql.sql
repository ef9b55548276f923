-- rs_server v4 rollback (PostgreSQL): drop host extra capabilities.

DROP TABLE host_extra_capabilities;
