-- scheduler v4 (PostgreSQL): job_runs.output only ever held the tail of the
-- job log (the full log goes to the log service). Rename it. (MySQL also
-- widens it from TEXT to MEDIUMTEXT; PostgreSQL TEXT has no such limit, so
-- the type stays TEXT.)

ALTER TABLE job_runs
    RENAME COLUMN output TO log_tail;
