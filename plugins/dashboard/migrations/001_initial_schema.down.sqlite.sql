-- Dashboard v1 rollback (SQLite): drop everything the initial schema created
-- (children before parents so foreign keys never block the drop). Indexes go
-- with their tables.

DROP TABLE user_preferences;
DROP TABLE widgets;
DROP TABLE dashboards;
