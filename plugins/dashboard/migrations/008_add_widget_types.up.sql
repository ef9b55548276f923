-- Dashboard v8: catalog of widget types, referenced by widgets.widget_type.
-- Seeds the built-in types, then registers any type already used by existing
-- widgets so the new foreign key can be added.

CREATE TABLE widget_types (
  code VARCHAR(64) NOT NULL,
  display_name VARCHAR(128) NOT NULL,
  default_width SMALLINT UNSIGNED NOT NULL DEFAULT 4,
  default_height SMALLINT UNSIGNED NOT NULL DEFAULT 3,
  is_builtin TINYINT(1) NOT NULL DEFAULT 0,
  is_enabled TINYINT(1) NOT NULL DEFAULT 1,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO widget_types (code, display_name, default_width, default_height, is_builtin) VALUES
  ('instance_summary', 'Instances by status', 4, 3, 1),
  ('quota_usage', 'Quota usage', 6, 3, 1),
  ('capacity_trend', 'Capacity trend', 8, 4, 1),
  ('alarm_list', 'Active alarms', 6, 4, 1),
  ('network_topology', 'Network topology', 12, 6, 1),
  ('recent_tasks', 'Recent tasks', 6, 4, 1);

-- widget types used by existing dashboards but unknown to the catalog
INSERT IGNORE INTO widget_types (code, display_name, is_builtin)
SELECT DISTINCT w.widget_type, w.widget_type, 0
  FROM widgets w;

ALTER TABLE widgets
  ADD KEY idx_widgets_widget_type (widget_type),
  ADD CONSTRAINT fk_widgets_widget_type FOREIGN KEY (widget_type)
    REFERENCES widget_types (code) ON UPDATE CASCADE;
