-- Cloud manager v10 (SQLite): free-form tags that can be attached to any
-- managed resource (cloud, region, project, instance, image, ...).
-- Column comment (not supported by SQLite): tags.color = #rrggbb

CREATE TABLE tags (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  color TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX uq_tags_name ON tags (name);

CREATE TABLE resource_tags (
  tag_id INTEGER NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (tag_id, resource_type, resource_id),
  CONSTRAINT fk_resource_tags_tag FOREIGN KEY (tag_id)
    REFERENCES tags (id) ON DELETE CASCADE
);

CREATE INDEX idx_resource_tags_resource ON resource_tags (resource_type, resource_id);
