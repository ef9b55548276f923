-- journal v5: archive table for events past their online retention.
-- Range-partitioned by archive month (YYYYMM) so old months can be dropped
-- or exported with partition operations instead of huge DELETEs.
-- Partitioned InnoDB tables cannot have foreign keys: event_type_code is
-- denormalised on purpose so archived rows stay readable on their own.

CREATE TABLE events_archive (
    id               BIGINT UNSIGNED   NOT NULL,
    archive_month    MEDIUMINT UNSIGNED NOT NULL COMMENT 'YYYYMM of occurred_at',
    event_uuid       CHAR(36)          NOT NULL,
    event_type_code  VARCHAR(128)      NOT NULL,
    occurred_at      DATETIME(6)       NOT NULL,
    recorded_at      DATETIME(6)       NOT NULL,
    cloud_uuid       CHAR(36)          NULL DEFAULT NULL,
    actor_user_id    VARCHAR(64)       NULL DEFAULT NULL,
    actor_project_id VARCHAR(64)       NULL DEFAULT NULL,
    request_id       VARCHAR(64)       NULL DEFAULT NULL,
    resource_type    VARCHAR(64)       NULL DEFAULT NULL,
    resource_id      VARCHAR(255)      NULL DEFAULT NULL,
    payload          LONGTEXT          NULL DEFAULT NULL,
    archived_at      DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id, archive_month),
    KEY idx_events_archive_uuid (event_uuid),
    KEY idx_events_archive_type_occurred (event_type_code, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
PARTITION BY RANGE (archive_month) (
    PARTITION p_before_2024 VALUES LESS THAN (202401),
    PARTITION p2024h1 VALUES LESS THAN (202407),
    PARTITION p2024h2 VALUES LESS THAN (202501),
    PARTITION p2025h1 VALUES LESS THAN (202507),
    PARTITION p2025h2 VALUES LESS THAN (202601),
    PARTITION p_future VALUES LESS THAN MAXVALUE
);

-- Archived rows are as immutable as live ones.
CREATE TRIGGER trg_events_archive_forbid_update BEFORE UPDATE ON events_archive
FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'archived journal events are read-only';
END;
