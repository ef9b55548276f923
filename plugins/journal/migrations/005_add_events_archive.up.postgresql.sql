-- journal v5 (PostgreSQL): archive table for events past their online
-- retention, range-partitioned by archive month (YYYYMM) so old months can be
-- dropped or exported with partition operations instead of huge DELETEs.
-- event_type_code is denormalised on purpose (no foreign key) so archived
-- rows stay readable on their own, as in the MySQL version.
--
-- PostgreSQL declarative partitioning: the partitions are tables of their
-- own, and table names are schema-wide, so MySQL's partition names are
-- prefixed with the table name (p2024h1 -> events_archive_p2024h1). The
-- bounds are the same (VALUES LESS THAN x -> FROM (previous bound) TO (x);
-- the first partition starts at MINVALUE, the last one ends at MAXVALUE).
-- The indexes are created on the partitioned table, so every partition gets
-- its own copy, as in MySQL.

CREATE TABLE events_archive (
    id               BIGINT       NOT NULL,
    archive_month    INTEGER      NOT NULL,
    event_uuid       CHAR(36)     NOT NULL,
    event_type_code  VARCHAR(128) NOT NULL,
    occurred_at      TIMESTAMP(6) NOT NULL,
    recorded_at      TIMESTAMP(6) NOT NULL,
    cloud_uuid       CHAR(36)     NULL,
    actor_user_id    VARCHAR(64)  NULL,
    actor_project_id VARCHAR(64)  NULL,
    request_id       VARCHAR(64)  NULL,
    resource_type    VARCHAR(64)  NULL,
    resource_id      VARCHAR(255) NULL,
    payload          TEXT         NULL,
    archived_at      TIMESTAMP(0) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id, archive_month)
) PARTITION BY RANGE (archive_month);
COMMENT ON COLUMN events_archive.archive_month IS 'YYYYMM of occurred_at';

CREATE TABLE events_archive_p_before_2024 PARTITION OF events_archive
    FOR VALUES FROM (MINVALUE) TO (202401);
CREATE TABLE events_archive_p2024h1 PARTITION OF events_archive
    FOR VALUES FROM (202401) TO (202407);
CREATE TABLE events_archive_p2024h2 PARTITION OF events_archive
    FOR VALUES FROM (202407) TO (202501);
CREATE TABLE events_archive_p2025h1 PARTITION OF events_archive
    FOR VALUES FROM (202501) TO (202507);
CREATE TABLE events_archive_p2025h2 PARTITION OF events_archive
    FOR VALUES FROM (202507) TO (202601);
CREATE TABLE events_archive_p_future PARTITION OF events_archive
    FOR VALUES FROM (202601) TO (MAXVALUE);

CREATE INDEX idx_events_archive_uuid ON events_archive (event_uuid);
CREATE INDEX idx_events_archive_type_occurred ON events_archive (event_type_code, occurred_at);

-- Archived rows are as immutable as live ones. A row trigger on the
-- partitioned table applies to every partition (PostgreSQL 13 and later).
CREATE FUNCTION trg_events_archive_forbid_update() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'archived journal events are read-only'
        USING ERRCODE = '45000';
END;
$fn$;

CREATE TRIGGER trg_events_archive_forbid_update BEFORE UPDATE ON events_archive
FOR EACH ROW EXECUTE FUNCTION trg_events_archive_forbid_update();
