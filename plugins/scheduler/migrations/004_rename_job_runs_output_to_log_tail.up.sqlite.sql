-- scheduler v4 (SQLite): job_runs.output only ever held the tail of the job
-- log (the full log goes to the log service). Rename it. The MySQL step also
-- widens TEXT to MEDIUMTEXT; both are TEXT in SQLite (no length limit), so
-- only the name changes.

ALTER TABLE job_runs RENAME COLUMN output TO log_tail;
