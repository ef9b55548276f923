-- Monitor's next release (schema versions 9 to 11, package 11.1): the same
-- service statements as monitor_previous_queries.sql, written against the new
-- column measurement_unit only. They must succeed at version 9, 10 and 11
-- (after --expand the new release runs beside the old one; after --contract
-- alone); at version 8 they fail (no measurement_unit yet). Run both files in
-- either order at version 9 or 10 and each release reads what the other
-- wrote: the v9 triggers keep unit and measurement_unit equal.
--
-- Plain SQL, one statement per ';', the same on MySQL/MariaDB, PostgreSQL and
-- SQLite, run in order in autocommit; re-runnable. Its probe metric source is
-- uuid 00000000-0000-4000-8000-00000000a011.
--
-- Expected, after the whole file: the SELECT of metrics (statement 8)
-- returns, in this order,
--   cpu_util              | %
--   disk.read.bytes.rate  | NULL
--   memory.usage          | MiB
-- and, at version 9 or 10, unit equals measurement_unit on those rows.

-- 1, 2: forget an earlier probe.
DELETE FROM metrics
 WHERE source_id IN (SELECT id FROM metric_sources
                      WHERE uuid = '00000000-0000-4000-8000-00000000a011');
DELETE FROM metric_sources
 WHERE uuid = '00000000-0000-4000-8000-00000000a011';

-- 3: the API registers a metric source.
INSERT INTO metric_sources (uuid, cloud_uuid, name, source_type, endpoint_url)
VALUES ('00000000-0000-4000-8000-00000000a011',
        '00000000-0000-4000-8000-00000000c111',
        'rolling-upgrade-probe', 'prometheus',
        'http://prometheus.example.com:9090');

-- 4, 5, 6: the collector registers the metrics it found.
INSERT INTO metrics (source_id, name, measurement_unit, resource_type)
SELECT id, 'cpu_util', '%', 'instance' FROM metric_sources
 WHERE uuid = '00000000-0000-4000-8000-00000000a011';
INSERT INTO metrics (source_id, name, measurement_unit, resource_type)
SELECT id, 'memory.usage', 'MB', 'instance' FROM metric_sources
 WHERE uuid = '00000000-0000-4000-8000-00000000a011';
INSERT INTO metrics (source_id, name, resource_type)
SELECT id, 'disk.read.bytes.rate', 'instance' FROM metric_sources
 WHERE uuid = '00000000-0000-4000-8000-00000000a011';

-- 7: the collector corrects a unit.
UPDATE metrics
   SET measurement_unit = 'MiB'
 WHERE name = 'memory.usage'
   AND source_id IN (SELECT id FROM metric_sources
                      WHERE uuid = '00000000-0000-4000-8000-00000000a011');

-- 8: the API lists a source's metrics.
SELECT m.name, m.measurement_unit
  FROM metrics m
  JOIN metric_sources s ON s.id = m.source_id
 WHERE s.uuid = '00000000-0000-4000-8000-00000000a011'
 ORDER BY m.name;

-- 9: the dashboard's alarm list.
SELECT a.uuid, a.name, a.severity, m.name AS metric_name, m.measurement_unit
  FROM alarms a
  JOIN metrics m ON m.id = a.metric_id
  JOIN metric_sources s ON s.id = m.source_id
 WHERE a.state = 'alarm'
   AND s.uuid = '00000000-0000-4000-8000-00000000a011'
 ORDER BY a.name;
