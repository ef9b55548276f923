-- clouds v6 (PostgreSQL): catalog of known OpenStack service types;
-- endpoints must reference one of them.

CREATE TABLE service_types (
    code         VARCHAR(64)  NOT NULL,
    project_name VARCHAR(64)  NOT NULL,
    description  VARCHAR(512) NOT NULL DEFAULT '',
    is_core      BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (code)
);

/* Seed data: the service types from the OpenStack service-types authority
   that AccentOS knows how to manage. Descriptions are shown in the UI. */
INSERT INTO service_types (code, project_name, description, is_core) VALUES
    ('identity',       'keystone', 'Identity; the cloud''s authentication and catalog service', TRUE),
    ('compute',        'nova',     'Compute; servers, flavors and keypairs', TRUE),
    ('network',        'neutron',  'Networking; networks, subnets, routers and ports', TRUE),
    ('image',          'glance',   'Image service; VM images and snapshots', TRUE),
    ('block-storage',  'cinder',   'Block storage; volumes, snapshots and backups', TRUE),
    ('placement',      'placement','Placement; resource providers and allocations', TRUE),
    ('object-store',   'swift',    'Object storage (Swift''s containers and objects)', FALSE),
    ('orchestration',  'heat',     'Orchestration; Heat stacks', FALSE),
    ('load-balancer',  'octavia',  'Load balancing as a service', FALSE),
    ('key-manager',    'barbican', 'Key manager; where credential secrets live', FALSE);

-- Data migration: keep any service type already used by an endpoint.
-- INSERT IGNORE -> ON CONFLICT DO NOTHING.
INSERT INTO service_types (code, project_name, description, is_core)
SELECT DISTINCT e.service_type, 'unknown', 'Discovered from an existing endpoint', FALSE
  FROM endpoints e
ON CONFLICT (code) DO NOTHING;

CREATE INDEX idx_endpoints_service_type ON endpoints (service_type);

ALTER TABLE endpoints
    ADD CONSTRAINT fk_endpoints_service_type FOREIGN KEY (service_type)
        REFERENCES service_types (code) ON UPDATE CASCADE;
