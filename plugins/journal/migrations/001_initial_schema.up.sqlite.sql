-- journal v1 (SQLite): initial schema.
-- Append-only audit/event journal: a catalog of event types and the events
-- emitted by AccentOS services and by the OpenStack clouds it manages.
--
-- SQLite mapping used by every journal script:
--   integer types -> INTEGER; AUTO_INCREMENT id -> INTEGER PRIMARY KEY
--   AUTOINCREMENT; CHAR/VARCHAR/TEXT/LONGTEXT -> TEXT (SQLite does not
--   enforce lengths); ENUM -> TEXT with a CHECK on the allowed values;
--   DATETIME -> TEXT 'YYYY-MM-DD HH:MM:SS' (UTC); DATETIME(6) with
--   CURRENT_TIMESTAMP(6) -> TEXT defaulting to strftime('%Y-%m-%d %H:%M:%f')
--   (millisecond precision, the finest SQLite offers); KEY / UNIQUE KEY ->
--   CREATE [UNIQUE] INDEX with the same name; UNSIGNED is not enforced.
-- Column comments (not supported by SQLite):
--   event_types.code: dotted name, e.g. compute.instance.create
--   events.request_id: OpenStack global request id (req-...)

CREATE TABLE event_types (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT    NOT NULL,
    category    TEXT    NOT NULL DEFAULT 'audit' CHECK (category IN ('audit','security','system','billing')),
    severity    TEXT    NOT NULL DEFAULT 'info' CHECK (severity IN ('debug','info','warning','error','critical')),
    description TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX uq_event_types_code ON event_types (code);
CREATE INDEX idx_event_types_category ON event_types (category);

CREATE TABLE events (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    event_uuid       TEXT    NOT NULL,
    event_type_id    INTEGER NOT NULL,
    occurred_at      TEXT    NOT NULL,
    recorded_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    cloud_uuid       TEXT,
    actor_user_id    TEXT,
    actor_project_id TEXT,
    request_id       TEXT,
    resource_type    TEXT,
    resource_id      TEXT,
    payload          TEXT,
    CONSTRAINT fk_events_event_type FOREIGN KEY (event_type_id)
        REFERENCES event_types (id) ON DELETE RESTRICT,
    CONSTRAINT chk_events_payload_json CHECK (payload IS NULL OR json_valid(payload))
);

CREATE UNIQUE INDEX uq_events_event_uuid ON events (event_uuid);
CREATE INDEX idx_events_type_occurred ON events (event_type_id, occurred_at);
CREATE INDEX idx_events_resource ON events (resource_type, resource_id);
CREATE INDEX idx_events_cloud_occurred ON events (cloud_uuid, occurred_at);
CREATE INDEX idx_events_occurred ON events (occurred_at);
