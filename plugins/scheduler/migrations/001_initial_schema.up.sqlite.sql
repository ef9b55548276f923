-- scheduler v1 (SQLite): initial schema.
-- Jobs (what to run), cron schedules (when), job runs (what happened).
--
-- SQLite mapping used by every scheduler script:
--   integer types -> INTEGER; AUTO_INCREMENT id -> INTEGER PRIMARY KEY
--   AUTOINCREMENT; CHAR/VARCHAR/TEXT/MEDIUMTEXT/LONGTEXT -> TEXT (SQLite does
--   not enforce lengths); ENUM -> TEXT with a CHECK on the allowed values;
--   DATETIME -> TEXT 'YYYY-MM-DD HH:MM:SS' (UTC); DATETIME(6) with
--   CURRENT_TIMESTAMP(6) -> TEXT defaulting to strftime('%Y-%m-%d %H:%M:%f')
--   (millisecond precision, the finest SQLite offers); JSON_VALID ->
--   json_valid; KEY / UNIQUE KEY -> CREATE [UNIQUE] INDEX with the same name;
--   UNSIGNED is not enforced.
--   jobs.updated_at ... ON UPDATE CURRENT_TIMESTAMP -> the trigger
--   trg_jobs_updated_at_on_update below (SQLite has no such column option).
--   cron_schedules.last_run_at is the last column here (MySQL: after
--   next_run_at) so that v7's down step can re-add it with ALTER TABLE ADD
--   COLUMN and still restore exactly this table definition.
-- Column comments (not supported by SQLite):
--   jobs.job_type: handler name, e.g. clouds.sync or journal.archive
--   cron_schedules.cron_expr: five-field cron expression
--   job_runs.schedule_id: NULL for runs triggered by hand

CREATE TABLE jobs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    job_type      TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    payload       TEXT,
    enabled       INTEGER NOT NULL DEFAULT 1,
    max_runtime_s INTEGER NOT NULL DEFAULT 3600,
    created_at    TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT chk_jobs_payload_json CHECK (payload IS NULL OR json_valid(payload))
);

CREATE UNIQUE INDEX uq_jobs_uuid ON jobs (uuid);
CREATE UNIQUE INDEX uq_jobs_name ON jobs (name);
CREATE INDEX idx_jobs_type ON jobs (job_type);

-- ON UPDATE CURRENT_TIMESTAMP: an UPDATE that does not change updated_at
-- itself sets it to the current time. (The second condition only skips a
-- write that would not change anything; it also keeps the trigger from ever
-- re-firing itself should recursive_triggers be switched on.)
CREATE TRIGGER trg_jobs_updated_at_on_update AFTER UPDATE ON jobs
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE jobs SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TABLE cron_schedules (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id      INTEGER NOT NULL,
    cron_expr   TEXT    NOT NULL,
    timezone    TEXT    NOT NULL DEFAULT 'UTC',
    enabled     INTEGER NOT NULL DEFAULT 1,
    next_run_at TEXT,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_run_at TEXT,
    CONSTRAINT fk_cron_schedules_job FOREIGN KEY (job_id)
        REFERENCES jobs (id) ON DELETE CASCADE
);

CREATE INDEX idx_cron_schedules_job ON cron_schedules (job_id);
CREATE INDEX idx_cron_schedules_next_run ON cron_schedules (enabled, next_run_at);

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
    output      TEXT,
    CONSTRAINT fk_job_runs_job FOREIGN KEY (job_id)
        REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_job_runs_schedule FOREIGN KEY (schedule_id)
        REFERENCES cron_schedules (id) ON DELETE SET NULL
);

CREATE INDEX idx_job_runs_job_queued ON job_runs (job_id, queued_at);
CREATE INDEX idx_job_runs_schedule ON job_runs (schedule_id);
CREATE INDEX idx_job_runs_status ON job_runs (status);
