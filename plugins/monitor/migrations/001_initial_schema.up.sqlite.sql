-- monitor v1 (SQLite): initial schema.
-- Metric sources (Gnocchi, Prometheus, ...) per managed cloud, the metrics
-- they expose, threshold alarms on those metrics and the alarm state history.
-- metric_last_values is a small cache of the latest sample per metric.
--
-- SQLite mapping used by every monitor script:
--   integer types -> INTEGER; AUTO_INCREMENT id -> INTEGER PRIMARY KEY
--   AUTOINCREMENT; CHAR/VARCHAR/TEXT -> TEXT (SQLite does not enforce
--   lengths); DOUBLE -> REAL; ENUM -> TEXT with a CHECK on the allowed
--   values; SET -> TEXT with a CHECK that only the allowed members (comma
--   separated) occur; DATETIME -> TEXT 'YYYY-MM-DD HH:MM:SS' (UTC);
--   DATETIME(6) with CURRENT_TIMESTAMP(6) -> TEXT defaulting to
--   strftime('%Y-%m-%d %H:%M:%f') (millisecond precision, the finest SQLite
--   offers); KEY / UNIQUE KEY -> CREATE [UNIQUE] INDEX with the same name;
--   UNSIGNED is not enforced.
--   metric_sources.updated_at and alarms.updated_at ... ON UPDATE
--   CURRENT_TIMESTAMP -> the triggers trg_metric_sources_updated_at_on_update
--   and trg_alarms_updated_at_on_update below (SQLite has no such option).
-- Column comments (not supported by SQLite):
--   metric_sources.cloud_uuid: clouds.uuid of the managed cloud
--   metrics.name: e.g. cpu_util, memory.usage, disk.read.bytes.rate

CREATE TABLE metric_sources (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            TEXT    NOT NULL,
    cloud_uuid      TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    source_type     TEXT    NOT NULL CHECK (source_type IN ('gnocchi','prometheus','ceilometer','collectd')),
    endpoint_url    TEXT    NOT NULL,
    poll_interval_s INTEGER NOT NULL DEFAULT 60,
    enabled         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX uq_metric_sources_uuid ON metric_sources (uuid);
CREATE INDEX idx_metric_sources_cloud ON metric_sources (cloud_uuid);

-- ON UPDATE CURRENT_TIMESTAMP: an UPDATE that does not change updated_at
-- itself sets it to the current time. (The second condition only skips a
-- write that would not change anything; it also keeps the trigger from ever
-- re-firing itself should recursive_triggers be switched on.)
CREATE TRIGGER trg_metric_sources_updated_at_on_update AFTER UPDATE ON metric_sources
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE metric_sources SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TABLE metrics (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id     INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    unit          TEXT,
    resource_type TEXT,
    created_at    TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_metrics_source FOREIGN KEY (source_id)
        REFERENCES metric_sources (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_metrics_source_name ON metrics (source_id, name);

CREATE TABLE alarms (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid                TEXT    NOT NULL,
    metric_id           INTEGER NOT NULL,
    name                TEXT    NOT NULL,
    description         TEXT,
    state               TEXT    NOT NULL DEFAULT 'insufficient_data' CHECK (state IN ('insufficient_data','ok','alarm')),
    severity            TEXT    NOT NULL DEFAULT 'low' CHECK (severity IN ('low','moderate','critical')),
    comparison_operator TEXT    NOT NULL CHECK (comparison_operator IN ('gt','ge','lt','le','eq','ne')),
    threshold           REAL    NOT NULL,
    evaluation_periods  INTEGER NOT NULL DEFAULT 1,
    enabled             INTEGER NOT NULL DEFAULT 1,
    state_changed_at    TEXT,
    created_at          TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at          TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_alarms_metric FOREIGN KEY (metric_id)
        REFERENCES metrics (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_alarms_uuid ON alarms (uuid);
CREATE INDEX idx_alarms_metric ON alarms (metric_id);

CREATE TRIGGER trg_alarms_updated_at_on_update AFTER UPDATE ON alarms
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE alarms SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TABLE alarm_history (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    alarm_id       INTEGER NOT NULL,
    previous_state TEXT    NOT NULL CHECK (previous_state IN ('insufficient_data','ok','alarm')),
    new_state      TEXT    NOT NULL CHECK (new_state IN ('insufficient_data','ok','alarm')),
    reason         TEXT    NOT NULL DEFAULT '',
    changed_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT fk_alarm_history_alarm FOREIGN KEY (alarm_id)
        REFERENCES alarms (id) ON DELETE CASCADE
);

CREATE INDEX idx_alarm_history_alarm_changed ON alarm_history (alarm_id, changed_at);

CREATE TABLE metric_last_values (
    metric_id  INTEGER NOT NULL,
    value      REAL    NOT NULL,
    sampled_at TEXT    NOT NULL,
    PRIMARY KEY (metric_id),
    CONSTRAINT fk_metric_last_values_metric FOREIGN KEY (metric_id)
        REFERENCES metrics (id) ON DELETE CASCADE
);
