-- Dashboard v9 rollback: restore the previous column sizes.

ALTER TABLE ui_sessions MODIFY COLUMN user_agent VARCHAR(512) NULL DEFAULT NULL;
ALTER TABLE user_preferences MODIFY COLUMN pref_value TEXT NULL DEFAULT NULL;
