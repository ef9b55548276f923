-- clouds v1 (SQLite): initial schema.
-- Registered OpenStack clouds, their regions, service catalog endpoints and
-- references to credentials stored in the secret store (Barbican). No secret
-- material is ever stored in this database, only references to it.
--
-- SQLite mapping used by every clouds script:
--   integer types -> INTEGER; AUTO_INCREMENT id -> INTEGER PRIMARY KEY
--   AUTOINCREMENT; CHAR/VARCHAR/TEXT -> TEXT (SQLite does not enforce
--   lengths); ENUM -> TEXT with a CHECK on the allowed values; DATETIME ->
--   TEXT 'YYYY-MM-DD HH:MM:SS' (UTC); KEY / UNIQUE KEY -> CREATE [UNIQUE]
--   INDEX with the same name; UNSIGNED is not enforced.
--   clouds.updated_at ... ON UPDATE CURRENT_TIMESTAMP -> the trigger
--   trg_clouds_updated_at_on_update below (SQLite has no such column option).
--   clouds.default_region is the last column here (MySQL: after auth_url) so
--   that v4's down step can re-add it with ALTER TABLE ADD COLUMN and still
--   restore exactly this table definition.
-- Column comments (not supported by SQLite):
--   clouds.auth_url: Keystone v3 endpoint used for authentication
--   cloud_credentials.secret_ref: Barbican secret reference, never the secret itself

CREATE TABLE clouds (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid           TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    description    TEXT,
    auth_url       TEXT    NOT NULL,
    status         TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','active','degraded','offline','deleted')),
    created_at     TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at     TEXT,
    default_region TEXT
);

CREATE UNIQUE INDEX uq_clouds_uuid ON clouds (uuid);
CREATE UNIQUE INDEX uq_clouds_name ON clouds (name);
CREATE INDEX idx_clouds_status ON clouds (status);

-- ON UPDATE CURRENT_TIMESTAMP: an UPDATE that does not change updated_at
-- itself sets it to the current time. (The second condition only skips a
-- write that would not change anything; it also keeps the trigger from ever
-- re-firing itself should recursive_triggers be switched on.)
CREATE TRIGGER trg_clouds_updated_at_on_update AFTER UPDATE ON clouds
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE clouds SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TABLE regions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    cloud_id    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    description TEXT,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_regions_cloud FOREIGN KEY (cloud_id)
        REFERENCES clouds (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_regions_cloud_name ON regions (cloud_id, name);

CREATE TABLE endpoints (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    cloud_id     INTEGER NOT NULL,
    region_id    INTEGER,
    service_type TEXT    NOT NULL,
    interface    TEXT    NOT NULL DEFAULT 'public' CHECK (interface IN ('public','internal','admin')),
    url          TEXT    NOT NULL,
    created_at   TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_endpoints_cloud FOREIGN KEY (cloud_id)
        REFERENCES clouds (id) ON DELETE CASCADE,
    CONSTRAINT fk_endpoints_region FOREIGN KEY (region_id)
        REFERENCES regions (id) ON DELETE SET NULL
);

CREATE INDEX idx_endpoints_cloud_service ON endpoints (cloud_id, service_type);
CREATE INDEX idx_endpoints_region ON endpoints (region_id);

CREATE TABLE cloud_credentials (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    cloud_id     INTEGER NOT NULL,
    auth_type    TEXT    NOT NULL DEFAULT 'password',
    secret_ref   TEXT    NOT NULL,
    username     TEXT,
    project_name TEXT,
    user_domain  TEXT    NOT NULL DEFAULT 'Default',
    created_at   TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    rotated_at   TEXT,
    CONSTRAINT fk_cloud_credentials_cloud FOREIGN KEY (cloud_id)
        REFERENCES clouds (id) ON DELETE CASCADE
);

CREATE INDEX idx_cloud_credentials_cloud ON cloud_credentials (cloud_id);
