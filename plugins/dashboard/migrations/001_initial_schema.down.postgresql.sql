-- Dashboard v1 rollback (PostgreSQL): drop everything the initial schema
-- created (children before parents so foreign keys never block the drop).

DROP TABLE user_preferences;
DROP TABLE widgets;
DROP TABLE dashboards;
