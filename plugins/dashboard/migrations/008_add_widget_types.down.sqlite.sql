-- Dashboard v8 rollback (SQLite): drop the foreign key and its index from
-- widgets (a table rebuild back to the exact v7 definition, same procedure
-- as the up step), then the widget type catalog.

CREATE TEMP TABLE _rebuild_widgets AS SELECT * FROM widgets;
CREATE TEMP TABLE _rebuild_widgets_seq AS
SELECT name, seq FROM sqlite_sequence WHERE name = 'widgets';

DROP TABLE widgets;

-- (updated_at stands where v6's ADD COLUMN put it.)
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
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT,
  CONSTRAINT fk_widgets_dashboard FOREIGN KEY (dashboard_id)
    REFERENCES dashboards (id) ON DELETE CASCADE
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

CREATE TRIGGER trg_widgets_set_updated_at AFTER UPDATE ON widgets
FOR EACH ROW
WHEN NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
  UPDATE widgets SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

DROP TABLE widget_types;
