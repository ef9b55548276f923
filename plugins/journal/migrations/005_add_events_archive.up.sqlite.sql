-- journal v5 (SQLite): archive table for events past their online retention.
-- The MySQL table is RANGE-partitioned by archive_month; SQLite has no
-- partitioning, so the table is a plain table with the same columns, key and
-- indexes (old months are removed with DELETE ... WHERE archive_month < N).
-- As in MySQL there is no foreign key: event_type_code is denormalised on
-- purpose so archived rows stay readable on their own.
-- Column comment (not supported by SQLite): archive_month = YYYYMM of occurred_at.

CREATE TABLE events_archive (
    id               INTEGER NOT NULL,
    archive_month    INTEGER NOT NULL,
    event_uuid       TEXT    NOT NULL,
    event_type_code  TEXT    NOT NULL,
    occurred_at      TEXT    NOT NULL,
    recorded_at      TEXT    NOT NULL,
    cloud_uuid       TEXT,
    actor_user_id    TEXT,
    actor_project_id TEXT,
    request_id       TEXT,
    resource_type    TEXT,
    resource_id      TEXT,
    payload          TEXT,
    archived_at      TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id, archive_month)
);

CREATE INDEX idx_events_archive_uuid ON events_archive (event_uuid);
CREATE INDEX idx_events_archive_type_occurred ON events_archive (event_type_code, occurred_at);

-- Archived rows are as immutable as live ones.
CREATE TRIGGER trg_events_archive_forbid_update BEFORE UPDATE ON events_archive
FOR EACH ROW
BEGIN
    SELECT RAISE(ABORT, 'archived journal events are read-only');
END;
