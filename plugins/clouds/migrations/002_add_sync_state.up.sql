-- clouds v2: track inventory synchronisation state per cloud.
-- One row per registered cloud; the sync worker updates it after every run.

CREATE TABLE cloud_sync_state (
    cloud_id             BIGINT UNSIGNED NOT NULL,
    status               ENUM('never','running','ok','failed') NOT NULL DEFAULT 'never',
    last_sync_started_at DATETIME        NULL DEFAULT NULL,
    last_success_at      DATETIME        NULL DEFAULT NULL,
    consecutive_failures INT UNSIGNED    NOT NULL DEFAULT 0,
    last_error           TEXT            NULL,
    PRIMARY KEY (cloud_id),
    KEY idx_cloud_sync_state_status (status),
    CONSTRAINT fk_cloud_sync_state_cloud FOREIGN KEY (cloud_id)
        REFERENCES clouds (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Data migration: every already registered cloud starts as "never synced".
INSERT INTO cloud_sync_state (cloud_id, status)
SELECT id, 'never' FROM clouds WHERE deleted_at IS NULL;
