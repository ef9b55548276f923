-- clouds v3: per-endpoint TLS options and one endpoint per
-- (cloud, region, service type, interface).

ALTER TABLE endpoints
    ADD COLUMN tls_verify    TINYINT(1)   NOT NULL DEFAULT 1 AFTER url,
    ADD COLUMN ca_bundle_ref VARCHAR(255) NULL DEFAULT NULL COMMENT 'secret store reference of a private CA bundle' AFTER tls_verify;

ALTER TABLE endpoints
    ADD UNIQUE KEY uq_endpoints_cloud_region_service_iface (cloud_id, region_id, service_type, interface);
