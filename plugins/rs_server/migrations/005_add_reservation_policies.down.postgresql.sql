-- rs_server v5 rollback (PostgreSQL): drop the policy table and its seed rows.

DROP TABLE reservation_policies;
