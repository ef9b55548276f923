-- Dashboard v7 rollback: restore widgets.config as TEXT.
-- (Settings longer than 64 KiB would be truncated; none exist in practice.)

ALTER TABLE widgets
  CHANGE COLUMN settings_json config TEXT NULL DEFAULT NULL;
