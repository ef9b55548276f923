-- scheduler v6 (SQLite): runs get a public UUID (exposed by the API instead
-- of the numeric id) and an attempt number for retried runs.
--
-- MySQL adds run_uuid as NULL, backfills it with UUID() and then makes it
-- NOT NULL. SQLite cannot change a column's nullability with ALTER TABLE, so
-- job_runs is rebuilt once with both new columns (appended at the end; MySQL
-- puts run_uuid after id and attempt after schedule_id) and the backfill is
-- done while copying the rows. The rebuild copies the rows aside, drops and
-- re-creates the table under its own name (no RENAME, so the stored
-- definition keeps its plain form) and copies them back; the AUTOINCREMENT
-- counter is carried over through sqlite_sequence.
-- job_locks.run_id references job_runs with ON DELETE SET NULL, and with
-- foreign keys on, DROP TABLE job_runs deletes its rows first (firing that
-- action even with defer_foreign_keys), so the lock -> run links are saved
-- and put back after the copy.
-- UUID() -> a random (version 4) UUID built from randomblob(), one per row.

CREATE TEMP TABLE _rebuild_job_runs AS SELECT * FROM job_runs;
CREATE TEMP TABLE _rebuild_job_runs_seq AS
SELECT name, seq FROM sqlite_sequence WHERE name = 'job_runs';
CREATE TEMP TABLE _rebuild_job_locks_run AS
SELECT job_id, run_id FROM job_locks WHERE run_id IS NOT NULL;

DROP TABLE job_runs;

CREATE TABLE job_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id      INTEGER NOT NULL,
    schedule_id INTEGER,
    status      TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed','cancelled','timed_out')),
    worker_host TEXT,
    queued_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    started_at  TEXT,
    finished_at TEXT,
    exit_code   INTEGER,
    log_tail    TEXT,
    run_uuid    TEXT    NOT NULL,
    attempt     INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT fk_job_runs_job FOREIGN KEY (job_id)
        REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_job_runs_schedule FOREIGN KEY (schedule_id)
        REFERENCES cron_schedules (id) ON DELETE SET NULL
);

-- Backfill existing runs with a new UUID each; attempt takes its default.
INSERT INTO job_runs (id, job_id, schedule_id, status, worker_host, queued_at,
                      started_at, finished_at, exit_code, log_tail, run_uuid)
SELECT id, job_id, schedule_id, status, worker_host, queued_at,
       started_at, finished_at, exit_code, log_tail,
       lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
             substr(hex(randomblob(2)), 2) || '-' ||
             substr('89ab', 1 + (abs(random()) % 4), 1) ||
             substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
  FROM temp._rebuild_job_runs;

DELETE FROM sqlite_sequence
 WHERE name = 'job_runs' AND EXISTS (SELECT 1 FROM temp._rebuild_job_runs_seq);
INSERT INTO sqlite_sequence (name, seq) SELECT name, seq FROM temp._rebuild_job_runs_seq;

UPDATE job_locks
   SET run_id = (SELECT s.run_id FROM temp._rebuild_job_locks_run s
                  WHERE s.job_id = job_locks.job_id)
 WHERE job_id IN (SELECT job_id FROM temp._rebuild_job_locks_run);

DROP TABLE temp._rebuild_job_runs;
DROP TABLE temp._rebuild_job_runs_seq;
DROP TABLE temp._rebuild_job_locks_run;

CREATE INDEX idx_job_runs_job_queued ON job_runs (job_id, queued_at);
CREATE INDEX idx_job_runs_schedule ON job_runs (schedule_id);
CREATE INDEX idx_job_runs_status ON job_runs (status);
CREATE UNIQUE INDEX uq_job_runs_run_uuid ON job_runs (run_uuid);
