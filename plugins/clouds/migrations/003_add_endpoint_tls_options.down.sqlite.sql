-- clouds v3 down (SQLite): remove the unique index and the TLS option columns.

DROP INDEX uq_endpoints_cloud_region_service_iface;

ALTER TABLE endpoints DROP COLUMN ca_bundle_ref;
ALTER TABLE endpoints DROP COLUMN tls_verify;
