-- Cloud manager v25: inventory sync progress is now tracked as
-- 'inventory_sync' tasks. Each sync cursor is converted into a succeeded
-- task (resource type in payload, marker in result) and the table is dropped.

INSERT INTO tasks (uuid, task_type, status, progress, target_type, target_id,
                   requested_by, payload, result, created_at, finished_at)
SELECT UUID(), 'inventory_sync', 'succeeded', 100, 'region', CAST(sc.region_id AS CHAR),
       'migration:025',
       JSON_OBJECT('resource_type', sc.resource_type),
       JSON_OBJECT('marker', sc.cursor_marker),
       COALESCE(sc.last_synced_at, NOW()), sc.last_synced_at
  FROM sync_cursors sc;

DROP TABLE sync_cursors;
