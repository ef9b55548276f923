-- rs_server v8 (SQLite): align lease column names with the API (start_at /
-- end_at). SQLite renames one column per statement; idx_leases_period
-- follows the new names.

ALTER TABLE leases RENAME COLUMN start_date TO start_at;
ALTER TABLE leases RENAME COLUMN end_date TO end_at;
