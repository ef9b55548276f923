-- clouds v3 down (PostgreSQL): remove the unique key and the TLS option columns.

ALTER TABLE endpoints
    DROP CONSTRAINT uq_endpoints_cloud_region_service_iface;

ALTER TABLE endpoints
    DROP COLUMN ca_bundle_ref,
    DROP COLUMN tls_verify;
