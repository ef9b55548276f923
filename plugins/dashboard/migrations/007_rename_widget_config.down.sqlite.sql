-- Dashboard v7 rollback (SQLite): restore widgets.config (TEXT in both
-- versions here, so nothing can be truncated).

ALTER TABLE widgets RENAME COLUMN settings_json TO config;
