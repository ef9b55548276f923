-- Dashboard v8 (PostgreSQL): catalog of widget types, referenced by
-- widgets.widget_type. Seeds the built-in types, then registers any type
-- already used by existing widgets so the new foreign key can be added.

CREATE TABLE widget_types (
  code VARCHAR(64) NOT NULL,
  display_name VARCHAR(128) NOT NULL,
  default_width INTEGER NOT NULL DEFAULT 4,
  default_height INTEGER NOT NULL DEFAULT 3,
  is_builtin BOOLEAN NOT NULL DEFAULT FALSE,
  is_enabled BOOLEAN NOT NULL DEFAULT TRUE,
  PRIMARY KEY (code)
);

INSERT INTO widget_types (code, display_name, default_width, default_height, is_builtin) VALUES
  ('instance_summary', 'Instances by status', 4, 3, TRUE),
  ('quota_usage', 'Quota usage', 6, 3, TRUE),
  ('capacity_trend', 'Capacity trend', 8, 4, TRUE),
  ('alarm_list', 'Active alarms', 6, 4, TRUE),
  ('network_topology', 'Network topology', 12, 6, TRUE),
  ('recent_tasks', 'Recent tasks', 6, 4, TRUE);

-- widget types used by existing dashboards but unknown to the catalog
-- (INSERT IGNORE -> ON CONFLICT DO NOTHING)
INSERT INTO widget_types (code, display_name, is_builtin)
SELECT DISTINCT w.widget_type, w.widget_type, FALSE
  FROM widgets w
ON CONFLICT (code) DO NOTHING;

CREATE INDEX idx_widgets_widget_type ON widgets (widget_type);

ALTER TABLE widgets
  ADD CONSTRAINT fk_widgets_widget_type FOREIGN KEY (widget_type)
    REFERENCES widget_types (code) ON UPDATE CASCADE;
