-- clouds v6 (SQLite): catalog of known OpenStack service types; endpoints
-- must reference one of them.

CREATE TABLE service_types (
    code         TEXT    NOT NULL,
    project_name TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    is_core      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (code)
);

/* Seed data: the service types from the OpenStack service-types authority
   that AccentOS knows how to manage. Descriptions are shown in the UI. */
INSERT INTO service_types (code, project_name, description, is_core) VALUES
    ('identity',       'keystone', 'Identity; the cloud''s authentication and catalog service', 1),
    ('compute',        'nova',     'Compute; servers, flavors and keypairs', 1),
    ('network',        'neutron',  'Networking; networks, subnets, routers and ports', 1),
    ('image',          'glance',   'Image service; VM images and snapshots', 1),
    ('block-storage',  'cinder',   'Block storage; volumes, snapshots and backups', 1),
    ('placement',      'placement','Placement; resource providers and allocations', 1),
    ('object-store',   'swift',    'Object storage (Swift''s containers and objects)', 0),
    ('orchestration',  'heat',     'Orchestration; Heat stacks', 0),
    ('load-balancer',  'octavia',  'Load balancing as a service', 0),
    ('key-manager',    'barbican', 'Key manager; where credential secrets live', 0);

-- Data migration: keep any service type already used by an endpoint.
INSERT OR IGNORE INTO service_types (code, project_name, description, is_core)
SELECT DISTINCT e.service_type, 'unknown', 'Discovered from an existing endpoint', 0
  FROM endpoints e;

-- SQLite cannot add a foreign key to an existing column with ALTER TABLE, so
-- endpoints is rebuilt (CREATE, copy, DROP, CREATE, copy back; no RENAME, so
-- the stored definition keeps its plain form). endpoints is not referenced by
-- any other table, so dropping it cannot fire foreign key actions elsewhere.
-- The AUTOINCREMENT counter is carried over through sqlite_sequence.
CREATE TEMP TABLE _rebuild_endpoints AS SELECT * FROM endpoints;
CREATE TEMP TABLE _rebuild_endpoints_seq AS
SELECT name, seq FROM sqlite_sequence WHERE name = 'endpoints';

DROP TABLE endpoints;

CREATE TABLE endpoints (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    cloud_id     INTEGER NOT NULL,
    region_id    INTEGER,
    service_type TEXT    NOT NULL,
    interface    TEXT    NOT NULL DEFAULT 'public' CHECK (interface IN ('public','internal','admin')),
    url          TEXT    NOT NULL,
    created_at   TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    tls_verify   INTEGER NOT NULL DEFAULT 1,
    ca_bundle_ref TEXT,
    CONSTRAINT fk_endpoints_cloud FOREIGN KEY (cloud_id)
        REFERENCES clouds (id) ON DELETE CASCADE,
    CONSTRAINT fk_endpoints_region FOREIGN KEY (region_id)
        REFERENCES regions (id) ON DELETE SET NULL,
    CONSTRAINT fk_endpoints_service_type FOREIGN KEY (service_type)
        REFERENCES service_types (code) ON UPDATE CASCADE
);

INSERT INTO endpoints (id, cloud_id, region_id, service_type, interface, url,
                       created_at, tls_verify, ca_bundle_ref)
SELECT id, cloud_id, region_id, service_type, interface, url,
       created_at, tls_verify, ca_bundle_ref
  FROM temp._rebuild_endpoints;

DELETE FROM sqlite_sequence
 WHERE name = 'endpoints' AND EXISTS (SELECT 1 FROM temp._rebuild_endpoints_seq);
INSERT INTO sqlite_sequence (name, seq) SELECT name, seq FROM temp._rebuild_endpoints_seq;

DROP TABLE temp._rebuild_endpoints;
DROP TABLE temp._rebuild_endpoints_seq;

CREATE INDEX idx_endpoints_cloud_service ON endpoints (cloud_id, service_type);
CREATE INDEX idx_endpoints_region ON endpoints (region_id);
CREATE UNIQUE INDEX uq_endpoints_cloud_region_service_iface
    ON endpoints (cloud_id, region_id, service_type, interface);
CREATE INDEX idx_endpoints_service_type ON endpoints (service_type);
