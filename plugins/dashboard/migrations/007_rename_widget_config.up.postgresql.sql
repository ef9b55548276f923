-- Dashboard v7 (PostgreSQL): widgets.config becomes settings_json. MySQL also
-- widens it from TEXT to MEDIUMTEXT; PostgreSQL TEXT has no such limit, so
-- the type stays TEXT. The comment is the one the MySQL CHANGE COLUMN sets.

ALTER TABLE widgets
  RENAME COLUMN config TO settings_json;

COMMENT ON COLUMN widgets.settings_json IS 'widget settings as JSON';
