-- Dashboard v7 rollback (PostgreSQL): restore widgets.config (TEXT, no
-- comment, like the MySQL CHANGE COLUMN back). No truncation can happen:
-- the type is TEXT on both sides.

COMMENT ON COLUMN widgets.settings_json IS NULL;

ALTER TABLE widgets
  RENAME COLUMN settings_json TO config;
