-- clouds v3 (PostgreSQL): per-endpoint TLS options and one endpoint per
-- (cloud, region, service type, interface). The columns are appended (no
-- AFTER clause in PostgreSQL). As in MySQL, rows with a NULL region_id never
-- collide in the unique key.

ALTER TABLE endpoints
    ADD COLUMN tls_verify    BOOLEAN      NOT NULL DEFAULT TRUE,
    ADD COLUMN ca_bundle_ref VARCHAR(255) NULL;
COMMENT ON COLUMN endpoints.ca_bundle_ref IS 'secret store reference of a private CA bundle';

ALTER TABLE endpoints
    ADD CONSTRAINT uq_endpoints_cloud_region_service_iface
        UNIQUE (cloud_id, region_id, service_type, interface);
