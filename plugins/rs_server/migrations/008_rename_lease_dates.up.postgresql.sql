-- rs_server v8 (PostgreSQL): align lease column names with the API
-- (start_at / end_at). PostgreSQL renames one column per statement.
-- idx_leases_period follows the columns.

ALTER TABLE leases
  RENAME COLUMN start_date TO start_at;

ALTER TABLE leases
  RENAME COLUMN end_date TO end_at;
