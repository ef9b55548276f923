-- rs_server v4 rollback (SQLite): drop host extra capabilities.

DROP TABLE host_extra_capabilities;
