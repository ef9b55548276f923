-- rs_server v8: align lease column names with the API (start_at / end_at).

ALTER TABLE leases
  RENAME COLUMN start_date TO start_at,
  RENAME COLUMN end_date TO end_at;
