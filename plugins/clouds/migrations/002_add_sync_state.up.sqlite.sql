-- clouds v2 (SQLite): track inventory synchronisation state per cloud.
-- One row per registered cloud; the sync worker updates it after every run.

CREATE TABLE cloud_sync_state (
    cloud_id             INTEGER NOT NULL,
    status               TEXT    NOT NULL DEFAULT 'never' CHECK (status IN ('never','running','ok','failed')),
    last_sync_started_at TEXT,
    last_success_at      TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error           TEXT,
    PRIMARY KEY (cloud_id),
    CONSTRAINT fk_cloud_sync_state_cloud FOREIGN KEY (cloud_id)
        REFERENCES clouds (id) ON DELETE CASCADE
);

CREATE INDEX idx_cloud_sync_state_status ON cloud_sync_state (status);

-- Data migration: every already registered cloud starts as "never synced".
INSERT INTO cloud_sync_state (cloud_id, status)
SELECT id, 'never' FROM clouds WHERE deleted_at IS NULL;
