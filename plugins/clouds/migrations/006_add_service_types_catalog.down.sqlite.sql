-- clouds v6 down (SQLite): drop the foreign key and its index from endpoints
-- (a table rebuild back to the exact v5 definition; SQLite cannot drop a
-- constraint with ALTER TABLE), then the catalog table together with its seed
-- rows. The AUTOINCREMENT counter is carried over through sqlite_sequence.

CREATE TEMP TABLE _rebuild_endpoints AS SELECT * FROM endpoints;
CREATE TEMP TABLE _rebuild_endpoints_seq AS
SELECT name, seq FROM sqlite_sequence WHERE name = 'endpoints';

DROP TABLE endpoints;

-- (tls_verify and ca_bundle_ref stand where v3's ADD COLUMN put them.)
CREATE TABLE endpoints (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    cloud_id     INTEGER NOT NULL,
    region_id    INTEGER,
    service_type TEXT    NOT NULL,
    interface    TEXT    NOT NULL DEFAULT 'public' CHECK (interface IN ('public','internal','admin')),
    url          TEXT    NOT NULL,
    created_at   TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP, tls_verify INTEGER NOT NULL DEFAULT 1, ca_bundle_ref TEXT,
    CONSTRAINT fk_endpoints_cloud FOREIGN KEY (cloud_id)
        REFERENCES clouds (id) ON DELETE CASCADE,
    CONSTRAINT fk_endpoints_region FOREIGN KEY (region_id)
        REFERENCES regions (id) ON DELETE SET NULL
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

DROP TABLE service_types;
