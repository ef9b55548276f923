-- clouds v6 down (PostgreSQL): drop the foreign key and its index from
-- endpoints, then the catalog table together with its seed rows.

ALTER TABLE endpoints
    DROP CONSTRAINT fk_endpoints_service_type;

DROP INDEX idx_endpoints_service_type;

DROP TABLE service_types;
