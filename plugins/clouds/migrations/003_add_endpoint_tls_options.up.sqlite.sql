-- clouds v3 (SQLite): per-endpoint TLS options and one endpoint per
-- (cloud, region, service type, interface).
-- The columns are appended at the end (MySQL: after url); column order is
-- not significant. Column comment (not supported by SQLite):
--   ca_bundle_ref: secret store reference of a private CA bundle

ALTER TABLE endpoints ADD COLUMN tls_verify INTEGER NOT NULL DEFAULT 1;
ALTER TABLE endpoints ADD COLUMN ca_bundle_ref TEXT;

CREATE UNIQUE INDEX uq_endpoints_cloud_region_service_iface
    ON endpoints (cloud_id, region_id, service_type, interface);
