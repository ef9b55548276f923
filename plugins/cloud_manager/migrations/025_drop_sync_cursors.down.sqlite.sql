-- Cloud manager v25 rollback (SQLite): re-create sync_cursors exactly as in
-- v1 and restore its rows from the tasks created by the upgrade, then remove
-- them. (CAST(... AS UNSIGNED) -> CAST(... AS INTEGER); JSON_VALUE ->
-- json_extract, which also yields NULL for a JSON null.)

CREATE TABLE sync_cursors (
  region_id INTEGER NOT NULL,
  resource_type TEXT NOT NULL,
  cursor_marker TEXT,
  last_synced_at TEXT,
  PRIMARY KEY (region_id, resource_type),
  CONSTRAINT fk_sync_cursors_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
);

INSERT INTO sync_cursors (region_id, resource_type, cursor_marker, last_synced_at)
SELECT CAST(t.target_id AS INTEGER),
       json_extract(t.payload, '$.resource_type'),
       json_extract(t.result, '$.marker'),
       t.finished_at
  FROM tasks t
  JOIN regions r ON r.id = CAST(t.target_id AS INTEGER)
 WHERE t.task_type = 'inventory_sync'
   AND t.requested_by = 'migration:025';

DELETE FROM tasks
 WHERE task_type = 'inventory_sync'
   AND requested_by = 'migration:025';
