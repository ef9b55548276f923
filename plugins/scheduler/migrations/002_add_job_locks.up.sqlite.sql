-- scheduler v2 (SQLite): distributed job locks. A scheduler node holds a
-- lease on a job while it runs it, so the same job never runs twice at once.
-- Expired leases may be taken over by another node.
-- Column comment (not supported by SQLite):
--   lock_owner: hostname:pid of the scheduler node

CREATE TABLE job_locks (
    job_id      INTEGER NOT NULL,
    run_id      INTEGER,
    lock_owner  TEXT    NOT NULL,
    acquired_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    expires_at  TEXT    NOT NULL,
    PRIMARY KEY (job_id),
    CONSTRAINT fk_job_locks_job FOREIGN KEY (job_id)
        REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_job_locks_run FOREIGN KEY (run_id)
        REFERENCES job_runs (id) ON DELETE SET NULL
);

CREATE INDEX idx_job_locks_run ON job_locks (run_id);
CREATE INDEX idx_job_locks_expires ON job_locks (expires_at);
