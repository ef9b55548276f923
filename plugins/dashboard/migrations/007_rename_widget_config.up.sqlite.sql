-- Dashboard v7 (SQLite): widgets.config becomes settings_json. The MySQL
-- step also widens it to MEDIUMTEXT (graph widgets embed long metric
-- queries); in SQLite both are TEXT without a length limit, so only the name
-- changes. Column comment (not supported by SQLite):
--   settings_json: widget settings as JSON

ALTER TABLE widgets RENAME COLUMN config TO settings_json;
