-- scheduler v4: job_runs.output only ever held the tail of the job log (the
-- full log goes to the log service). Rename it and allow up to 16 MiB.

ALTER TABLE job_runs
    CHANGE COLUMN output log_tail MEDIUMTEXT NULL;
