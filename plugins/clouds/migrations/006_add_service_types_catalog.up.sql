-- clouds v6: catalog of known OpenStack service types; endpoints must
-- reference one of them.

CREATE TABLE service_types (
    code         VARCHAR(64)  NOT NULL,
    project_name VARCHAR(64)  NOT NULL,
    description  VARCHAR(512) NOT NULL DEFAULT '',
    is_core      TINYINT(1)   NOT NULL DEFAULT 0,
    PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

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
INSERT IGNORE INTO service_types (code, project_name, description, is_core)
SELECT DISTINCT e.service_type, 'unknown', 'Discovered from an existing endpoint', 0
  FROM endpoints e;

ALTER TABLE endpoints
    ADD KEY idx_endpoints_service_type (service_type),
    ADD CONSTRAINT fk_endpoints_service_type FOREIGN KEY (service_type)
        REFERENCES service_types (code) ON UPDATE CASCADE;
