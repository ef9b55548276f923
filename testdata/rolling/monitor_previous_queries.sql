-- Monitor's previous release (schema version 8, package 8.1): the statements
-- its services (collector, API, dashboard) run that touch metrics.unit, the
-- column the next release renames to measurement_unit (monitor v9 expand,
-- v10 migrate, v11 contract). Run against a monitor database at version 8,
-- 9 or 10 they must all succeed: the old release keeps working until the
-- contract step. At version 11 the INSERTs and SELECTs of unit fail (unit is
-- gone), which is why v11 waits until no controller runs this release.
--
-- Plain SQL, one statement per ';', no engine-specific syntax: the same file
-- runs on MySQL/MariaDB (Galera), PostgreSQL and SQLite, in order, each in
-- autocommit. It starts by removing what an earlier run of it left, so it can
-- be run again (e.g. once per upgraded controller). Everything it writes
-- belongs to one probe metric source, uuid 00000000-0000-4000-8000-00000000a008.
--
-- Expected, after the whole file:
--   the SELECT of metrics (statement 8) returns, in this order,
--     cpu_util              | %
--     disk.read.bytes.rate  | NULL
--     memory.usage          | MiB
--   the dashboard SELECT (statement 9) returns no row (no alarm);
--   at version 9 or 10 measurement_unit equals unit on every probe row (the
--   v9 sync triggers), so this returns no row:
--     SELECT m.name FROM metrics m JOIN metric_sources s ON s.id = m.source_id
--      WHERE s.uuid = '00000000-0000-4000-8000-00000000a008'
--        AND (m.unit <> m.measurement_unit
--             OR (m.unit IS NULL AND m.measurement_unit IS NOT NULL)
--             OR (m.unit IS NOT NULL AND m.measurement_unit IS NULL));

-- 1, 2: forget an earlier probe (metrics first: SQLite may run without
-- foreign keys, so no ON DELETE CASCADE is relied on).
DELETE FROM metrics
 WHERE source_id IN (SELECT id FROM metric_sources
                      WHERE uuid = '00000000-0000-4000-8000-00000000a008');
DELETE FROM metric_sources
 WHERE uuid = '00000000-0000-4000-8000-00000000a008';

-- 3: the API registers a metric source.
INSERT INTO metric_sources (uuid, cloud_uuid, name, source_type, endpoint_url)
VALUES ('00000000-0000-4000-8000-00000000a008',
        '00000000-0000-4000-8000-00000000c108',
        'rolling-upgrade-probe', 'prometheus',
        'http://prometheus.example.com:9090');

-- 4, 5, 6: the collector registers the metrics it found, with their unit.
INSERT INTO metrics (source_id, name, unit, resource_type)
SELECT id, 'cpu_util', '%', 'instance' FROM metric_sources
 WHERE uuid = '00000000-0000-4000-8000-00000000a008';
INSERT INTO metrics (source_id, name, unit, resource_type)
SELECT id, 'memory.usage', 'MB', 'instance' FROM metric_sources
 WHERE uuid = '00000000-0000-4000-8000-00000000a008';
INSERT INTO metrics (source_id, name, resource_type)
SELECT id, 'disk.read.bytes.rate', 'instance' FROM metric_sources
 WHERE uuid = '00000000-0000-4000-8000-00000000a008';

-- 7: the collector corrects a unit the source now reports differently.
UPDATE metrics
   SET unit = 'MiB'
 WHERE name = 'memory.usage'
   AND source_id IN (SELECT id FROM metric_sources
                      WHERE uuid = '00000000-0000-4000-8000-00000000a008');

-- 8: the API lists a source's metrics.
SELECT m.name, m.unit
  FROM metrics m
  JOIN metric_sources s ON s.id = m.source_id
 WHERE s.uuid = '00000000-0000-4000-8000-00000000a008'
 ORDER BY m.name;

-- 9: the dashboard's alarm list shows each alarm's metric with its unit.
SELECT a.uuid, a.name, a.severity, m.name AS metric_name, m.unit
  FROM alarms a
  JOIN metrics m ON m.id = a.metric_id
  JOIN metric_sources s ON s.id = m.source_id
 WHERE a.state = 'alarm'
   AND s.uuid = '00000000-0000-4000-8000-00000000a008'
 ORDER BY a.name;
