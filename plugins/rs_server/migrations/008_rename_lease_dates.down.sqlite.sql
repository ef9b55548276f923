-- rs_server v8 rollback (SQLite): restore start_date / end_date.

ALTER TABLE leases RENAME COLUMN start_at TO start_date;
ALTER TABLE leases RENAME COLUMN end_at TO end_date;
