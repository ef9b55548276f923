-- scheduler v1: initial schema.
-- Jobs (what to run), cron schedules (when), job runs (what happened).

CREATE TABLE jobs (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    uuid          CHAR(36)        NOT NULL,
    name          VARCHAR(255)    NOT NULL,
    job_type      VARCHAR(64)     NOT NULL COMMENT 'handler name, e.g. clouds.sync or journal.archive',
    description   VARCHAR(1024)   NOT NULL DEFAULT '',
    payload       LONGTEXT        NULL DEFAULT NULL,
    enabled       TINYINT(1)      NOT NULL DEFAULT 1,
    max_runtime_s INT UNSIGNED    NOT NULL DEFAULT 3600,
    created_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_jobs_uuid (uuid),
    UNIQUE KEY uq_jobs_name (name),
    KEY idx_jobs_type (job_type),
    CONSTRAINT chk_jobs_payload_json CHECK (payload IS NULL OR JSON_VALID(payload))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE cron_schedules (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    job_id      BIGINT UNSIGNED NOT NULL,
    cron_expr   VARCHAR(128)    NOT NULL COMMENT 'five-field cron expression',
    timezone    VARCHAR(64)     NOT NULL DEFAULT 'UTC',
    enabled     TINYINT(1)      NOT NULL DEFAULT 1,
    next_run_at DATETIME        NULL DEFAULT NULL,
    last_run_at DATETIME        NULL DEFAULT NULL,
    created_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    KEY idx_cron_schedules_job (job_id),
    KEY idx_cron_schedules_next_run (enabled, next_run_at),
    CONSTRAINT fk_cron_schedules_job FOREIGN KEY (job_id)
        REFERENCES jobs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE job_runs (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    job_id      BIGINT UNSIGNED NOT NULL,
    schedule_id BIGINT UNSIGNED NULL DEFAULT NULL COMMENT 'NULL for runs triggered by hand',
    status      ENUM('queued','running','succeeded','failed','cancelled','timed_out') NOT NULL DEFAULT 'queued',
    worker_host VARCHAR(255)    NULL DEFAULT NULL,
    queued_at   DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    started_at  DATETIME(6)     NULL DEFAULT NULL,
    finished_at DATETIME(6)     NULL DEFAULT NULL,
    exit_code   INT             NULL DEFAULT NULL,
    output      TEXT            NULL,
    PRIMARY KEY (id),
    KEY idx_job_runs_job_queued (job_id, queued_at),
    KEY idx_job_runs_schedule (schedule_id),
    KEY idx_job_runs_status (status),
    CONSTRAINT fk_job_runs_job FOREIGN KEY (job_id)
        REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_job_runs_schedule FOREIGN KEY (schedule_id)
        REFERENCES cron_schedules (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
