-- Cloud manager v25 (SQLite): inventory sync progress is now tracked as
-- 'inventory_sync' tasks. Each sync cursor is converted into a succeeded
-- task (resource type in payload, marker in result) and the table is dropped.
-- MySQL functions: UUID() -> a random (version 4) UUID built from
-- randomblob(), one per row; CAST(... AS CHAR) -> CAST(... AS TEXT);
-- JSON_OBJECT -> json_object; NOW() -> CURRENT_TIMESTAMP.

INSERT INTO tasks (uuid, task_type, status, progress, target_type, target_id,
                   requested_by, payload, result, created_at, finished_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
             substr(hex(randomblob(2)), 2) || '-' ||
             substr('89ab', 1 + (abs(random()) % 4), 1) ||
             substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       'inventory_sync', 'succeeded', 100, 'region', CAST(sc.region_id AS TEXT),
       'migration:025',
       json_object('resource_type', sc.resource_type),
       json_object('marker', sc.cursor_marker),
       COALESCE(sc.last_synced_at, CURRENT_TIMESTAMP), sc.last_synced_at
  FROM sync_cursors sc;

DROP TABLE sync_cursors;
