-- clouds v2 (PostgreSQL): track inventory synchronisation state per cloud.
-- One row per registered cloud; the sync worker updates it after every run.

CREATE TABLE cloud_sync_state (
    cloud_id             BIGINT       NOT NULL,
    status               VARCHAR(7)   NOT NULL DEFAULT 'never',
    last_sync_started_at TIMESTAMP(0) NULL,
    last_success_at      TIMESTAMP(0) NULL,
    consecutive_failures BIGINT       NOT NULL DEFAULT 0,
    last_error           TEXT         NULL,
    PRIMARY KEY (cloud_id),
    CONSTRAINT fk_cloud_sync_state_cloud FOREIGN KEY (cloud_id)
        REFERENCES clouds (id) ON DELETE CASCADE,
    CONSTRAINT chk_cloud_sync_state_status
        CHECK (status IN ('never','running','ok','failed'))
);
CREATE INDEX idx_cloud_sync_state_status ON cloud_sync_state (status);

-- Data migration: every already registered cloud starts as "never synced".
INSERT INTO cloud_sync_state (cloud_id, status)
SELECT id, 'never' FROM clouds WHERE deleted_at IS NULL;
