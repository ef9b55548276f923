-- journal v1: initial schema.
-- Append-only audit/event journal: a catalog of event types and the events
-- emitted by AccentOS services and by the OpenStack clouds it manages.

CREATE TABLE event_types (
    id          SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
    code        VARCHAR(128)      NOT NULL COMMENT 'dotted name, e.g. compute.instance.create',
    category    ENUM('audit','security','system','billing') NOT NULL DEFAULT 'audit',
    severity    ENUM('debug','info','warning','error','critical') NOT NULL DEFAULT 'info',
    description VARCHAR(512)      NOT NULL DEFAULT '',
    created_at  DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_event_types_code (code),
    KEY idx_event_types_category (category)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE events (
    id               BIGINT UNSIGNED   NOT NULL AUTO_INCREMENT,
    event_uuid       CHAR(36)          NOT NULL,
    event_type_id    SMALLINT UNSIGNED NOT NULL,
    occurred_at      DATETIME(6)       NOT NULL,
    recorded_at      DATETIME(6)       NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    cloud_uuid       CHAR(36)          NULL DEFAULT NULL,
    actor_user_id    VARCHAR(64)       NULL DEFAULT NULL,
    actor_project_id VARCHAR(64)       NULL DEFAULT NULL,
    request_id       VARCHAR(64)       NULL DEFAULT NULL COMMENT 'OpenStack global request id (req-...)',
    resource_type    VARCHAR(64)       NULL DEFAULT NULL,
    resource_id      VARCHAR(255)      NULL DEFAULT NULL,
    payload          LONGTEXT          NULL DEFAULT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_events_event_uuid (event_uuid),
    KEY idx_events_type_occurred (event_type_id, occurred_at),
    KEY idx_events_resource (resource_type, resource_id),
    KEY idx_events_cloud_occurred (cloud_uuid, occurred_at),
    KEY idx_events_occurred (occurred_at),
    CONSTRAINT fk_events_event_type FOREIGN KEY (event_type_id)
        REFERENCES event_types (id) ON DELETE RESTRICT,
    CONSTRAINT chk_events_payload_json CHECK (payload IS NULL OR JSON_VALID(payload))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
