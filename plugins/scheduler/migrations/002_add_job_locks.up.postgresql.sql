-- scheduler v2 (PostgreSQL): distributed job locks. A scheduler node holds a
-- lease on a job while it runs it, so the same job never runs twice at once
-- across the cluster. Expired leases may be taken over by another node.

CREATE TABLE job_locks (
    job_id      BIGINT       NOT NULL,
    run_id      BIGINT       NULL,
    lock_owner  VARCHAR(255) NOT NULL,
    acquired_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    expires_at  TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (job_id),
    CONSTRAINT fk_job_locks_job FOREIGN KEY (job_id)
        REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_job_locks_run FOREIGN KEY (run_id)
        REFERENCES job_runs (id) ON DELETE SET NULL
);
COMMENT ON COLUMN job_locks.lock_owner IS 'hostname:pid of the scheduler node';
CREATE INDEX idx_job_locks_run ON job_locks (run_id);
CREATE INDEX idx_job_locks_expires ON job_locks (expires_at);
