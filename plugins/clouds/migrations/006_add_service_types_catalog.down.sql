-- clouds v6 down: drop the foreign key and its index from endpoints, then the
-- catalog table together with its seed rows.

ALTER TABLE endpoints
    DROP FOREIGN KEY fk_endpoints_service_type;

ALTER TABLE endpoints
    DROP KEY idx_endpoints_service_type;

DROP TABLE service_types;
