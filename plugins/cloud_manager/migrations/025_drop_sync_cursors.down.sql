-- Cloud manager v25 rollback: re-create sync_cursors exactly as in v1 and
-- restore its rows from the tasks created by the upgrade, then remove them.

CREATE TABLE sync_cursors (
  region_id BIGINT UNSIGNED NOT NULL,
  resource_type VARCHAR(32) NOT NULL COMMENT 'servers, images, flavors, ...',
  cursor_marker VARCHAR(255) NULL DEFAULT NULL COMMENT 'last pagination marker seen',
  last_synced_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (region_id, resource_type),
  CONSTRAINT fk_sync_cursors_region FOREIGN KEY (region_id)
    REFERENCES regions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO sync_cursors (region_id, resource_type, cursor_marker, last_synced_at)
SELECT CAST(t.target_id AS UNSIGNED),
       JSON_VALUE(t.payload, '$.resource_type'),
       JSON_VALUE(t.result, '$.marker'),
       t.finished_at
  FROM tasks t
  JOIN regions r ON r.id = CAST(t.target_id AS UNSIGNED)
 WHERE t.task_type = 'inventory_sync'
   AND t.requested_by = 'migration:025';

DELETE FROM tasks
 WHERE task_type = 'inventory_sync'
   AND requested_by = 'migration:025';
