-- Cloud manager v25 rollback (PostgreSQL): re-create sync_cursors exactly as
-- in v1 and restore its rows from the tasks created by the upgrade, then
-- remove them.
--   JSON_VALUE(doc, '$.key')   -> doc::jsonb ->> 'key' (NULL for a JSON null)
--   CAST(x AS UNSIGNED)        -> x::bigint when x is all digits, else NULL
--                                 (MySQL gives 0, which matches no region
--                                 either; a bare cast would fail instead)

CREATE TABLE sync_cursors (
  region_id BIGINT NOT NULL,
  resource_type VARCHAR(32) NOT NULL,
  cursor_marker VARCHAR(255) NULL,
  last_synced_at TIMESTAMP(0) NULL,
  PRIMARY KEY (region_id, resource_type),
  CONSTRAINT fk_sync_cursors_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
);
COMMENT ON COLUMN sync_cursors.resource_type IS 'servers, images, flavors, ...';
COMMENT ON COLUMN sync_cursors.cursor_marker IS 'last pagination marker seen';

INSERT INTO sync_cursors (region_id, resource_type, cursor_marker, last_synced_at)
SELECT r.id,
       t.payload::jsonb ->> 'resource_type',
       t.result::jsonb ->> 'marker',
       t.finished_at
  FROM tasks t
  JOIN regions r
    ON r.id = (CASE WHEN t.target_id ~ '^[0-9]+$' THEN t.target_id::bigint END)
 WHERE t.task_type = 'inventory_sync'
   AND t.requested_by = 'migration:025';

DELETE FROM tasks
 WHERE task_type = 'inventory_sync'
   AND requested_by = 'migration:025';
