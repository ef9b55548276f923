-- monitor v1: initial schema.
-- Metric sources (Gnocchi, Prometheus, ...) per managed cloud, the metrics
-- they expose, threshold alarms on those metrics and the alarm state history.
-- metric_last_values is a small cache of the latest sample per metric.

CREATE TABLE metric_sources (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    uuid            CHAR(36)        NOT NULL,
    cloud_uuid      CHAR(36)        NOT NULL COMMENT 'clouds.uuid of the managed cloud',
    name            VARCHAR(255)    NOT NULL,
    source_type     ENUM('gnocchi','prometheus','ceilometer','collectd') NOT NULL,
    endpoint_url    VARCHAR(1024)   NOT NULL,
    poll_interval_s INT UNSIGNED    NOT NULL DEFAULT 60,
    enabled         TINYINT(1)      NOT NULL DEFAULT 1,
    created_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_metric_sources_uuid (uuid),
    KEY idx_metric_sources_cloud (cloud_uuid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE metrics (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    source_id     BIGINT UNSIGNED NOT NULL,
    name          VARCHAR(255)    NOT NULL COMMENT 'e.g. cpu_util, memory.usage, disk.read.bytes.rate',
    unit          VARCHAR(32)     NULL DEFAULT NULL,
    resource_type VARCHAR(64)     NULL DEFAULT NULL,
    created_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_metrics_source_name (source_id, name),
    CONSTRAINT fk_metrics_source FOREIGN KEY (source_id)
        REFERENCES metric_sources (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE alarms (
    id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    uuid                CHAR(36)        NOT NULL,
    metric_id           BIGINT UNSIGNED NOT NULL,
    name                VARCHAR(255)    NOT NULL,
    description         TEXT            NULL,
    state               ENUM('insufficient_data','ok','alarm') NOT NULL DEFAULT 'insufficient_data',
    severity            ENUM('low','moderate','critical') NOT NULL DEFAULT 'low',
    comparison_operator ENUM('gt','ge','lt','le','eq','ne') NOT NULL,
    threshold           DOUBLE          NOT NULL,
    evaluation_periods  SMALLINT UNSIGNED NOT NULL DEFAULT 1,
    enabled             TINYINT(1)      NOT NULL DEFAULT 1,
    state_changed_at    DATETIME(6)     NULL DEFAULT NULL,
    created_at          DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at          DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_alarms_uuid (uuid),
    KEY idx_alarms_metric (metric_id),
    CONSTRAINT fk_alarms_metric FOREIGN KEY (metric_id)
        REFERENCES metrics (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE alarm_history (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    alarm_id       BIGINT UNSIGNED NOT NULL,
    previous_state ENUM('insufficient_data','ok','alarm') NOT NULL,
    new_state      ENUM('insufficient_data','ok','alarm') NOT NULL,
    reason         VARCHAR(1024)   NOT NULL DEFAULT '',
    changed_at     DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    KEY idx_alarm_history_alarm_changed (alarm_id, changed_at),
    CONSTRAINT fk_alarm_history_alarm FOREIGN KEY (alarm_id)
        REFERENCES alarms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE metric_last_values (
    metric_id  BIGINT UNSIGNED NOT NULL,
    value      DOUBLE          NOT NULL,
    sampled_at DATETIME(6)     NOT NULL,
    PRIMARY KEY (metric_id),
    CONSTRAINT fk_metric_last_values_metric FOREIGN KEY (metric_id)
        REFERENCES metrics (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
