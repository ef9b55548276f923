-- Dashboard v8 (SQLite): catalog of widget types, referenced by
-- widgets.widget_type. Seeds the built-in types, then registers any type
-- already used by existing widgets so the new foreign key can be added.

CREATE TABLE widget_types (
  code TEXT NOT NULL,
  display_name TEXT NOT NULL,
  default_width INTEGER NOT NULL DEFAULT 4,
  default_height INTEGER NOT NULL DEFAULT 3,
  is_builtin INTEGER NOT NULL DEFAULT 0,
  is_enabled INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (code)
);

INSERT INTO widget_types (code, display_name, default_width, default_height, is_builtin) VALUES
  ('instance_summary', 'Instances by status', 4, 3, 1),
  ('quota_usage', 'Quota usage', 6, 3, 1),
  ('capacity_trend', 'Capacity trend', 8, 4, 1),
  ('alarm_list', 'Active alarms', 6, 4, 1),
  ('network_topology', 'Network topology', 12, 6, 1),
  ('recent_tasks', 'Recent tasks', 6, 4, 1);

-- widget types used by existing dashboards but unknown to the catalog
INSERT OR IGNORE INTO widget_types (code, display_name, is_builtin)
SELECT DISTINCT w.widget_type, w.widget_type, 0
  FROM widgets w;

-- SQLite cannot add a foreign key to an existing column with ALTER TABLE, so
-- widgets is rebuilt: rows are copied aside, the table is dropped and
-- re-created under its own name (no RENAME, so the stored definition keeps
-- its plain form) and the rows copied back. Nothing references widgets, so
-- the drop fires no foreign key action. Its index and v6's updated_at trigger
-- are re-created (after the copy); the AUTOINCREMENT counter is carried over.
CREATE TEMP TABLE _rebuild_widgets AS SELECT * FROM widgets;
CREATE TEMP TABLE _rebuild_widgets_seq AS
SELECT name, seq FROM sqlite_sequence WHERE name = 'widgets';

DROP TABLE widgets;

CREATE TABLE widgets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dashboard_id INTEGER NOT NULL,
  widget_type TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  pos_x INTEGER NOT NULL DEFAULT 0,
  pos_y INTEGER NOT NULL DEFAULT 0,
  width INTEGER NOT NULL DEFAULT 4,
  height INTEGER NOT NULL DEFAULT 3,
  settings_json TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT,
  CONSTRAINT fk_widgets_dashboard FOREIGN KEY (dashboard_id)
    REFERENCES dashboards (id) ON DELETE CASCADE,
  CONSTRAINT fk_widgets_widget_type FOREIGN KEY (widget_type)
    REFERENCES widget_types (code) ON UPDATE CASCADE
);

INSERT INTO widgets (id, dashboard_id, widget_type, title, pos_x, pos_y, width, height,
                     settings_json, created_at, updated_at)
SELECT id, dashboard_id, widget_type, title, pos_x, pos_y, width, height,
       settings_json, created_at, updated_at
  FROM temp._rebuild_widgets;

DELETE FROM sqlite_sequence
 WHERE name = 'widgets' AND EXISTS (SELECT 1 FROM temp._rebuild_widgets_seq);
INSERT INTO sqlite_sequence (name, seq) SELECT name, seq FROM temp._rebuild_widgets_seq;

DROP TABLE temp._rebuild_widgets;
DROP TABLE temp._rebuild_widgets_seq;

CREATE INDEX idx_widgets_dashboard_position ON widgets (dashboard_id, pos_y, pos_x);
CREATE INDEX idx_widgets_widget_type ON widgets (widget_type);

CREATE TRIGGER trg_widgets_set_updated_at AFTER UPDATE ON widgets
FOR EACH ROW
WHEN NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
  UPDATE widgets SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
