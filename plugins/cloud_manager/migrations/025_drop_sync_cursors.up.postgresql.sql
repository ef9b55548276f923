-- Cloud manager v25 (PostgreSQL): inventory sync progress is now tracked as
-- 'inventory_sync' tasks. Each sync cursor is converted into a succeeded
-- task (resource type in payload, marker in result) and the table is
-- dropped.
--   UUID() (version 1)    -> gen_random_uuid()::text (version 4)
--   CAST(x AS CHAR)       -> x::text
--   JSON_OBJECT(k, v)     -> jsonb_build_object(k, v)::text, which prints
--                            the same text: {"marker": null}
--   NOW()                 -> LOCALTIMESTAMP truncated to the second (the
--                            session's local time, like NOW() into DATETIME)

INSERT INTO tasks (uuid, task_type, status, progress, target_type, target_id,
                   requested_by, payload, result, created_at, finished_at)
SELECT gen_random_uuid()::text, 'inventory_sync', 'succeeded', 100, 'region', sc.region_id::text,
       'migration:025',
       jsonb_build_object('resource_type', sc.resource_type)::text,
       jsonb_build_object('marker', sc.cursor_marker)::text,
       COALESCE(sc.last_synced_at, date_trunc('second', LOCALTIMESTAMP)), sc.last_synced_at
  FROM sync_cursors sc;

DROP TABLE sync_cursors;
