-- scheduler v2: distributed job locks. A scheduler node holds a lease on a
-- job while it runs it, so the same job never runs twice at once across the
-- Galera cluster. Expired leases may be taken over by another node.

CREATE TABLE job_locks (
    job_id      BIGINT UNSIGNED NOT NULL,
    run_id      BIGINT UNSIGNED NULL DEFAULT NULL,
    lock_owner  VARCHAR(255)    NOT NULL COMMENT 'hostname:pid of the scheduler node',
    acquired_at DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    expires_at  DATETIME(6)     NOT NULL,
    PRIMARY KEY (job_id),
    KEY idx_job_locks_run (run_id),
    KEY idx_job_locks_expires (expires_at),
    CONSTRAINT fk_job_locks_job FOREIGN KEY (job_id)
        REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_job_locks_run FOREIGN KEY (run_id)
        REFERENCES job_runs (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
