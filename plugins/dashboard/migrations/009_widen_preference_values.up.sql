-- Dashboard v9: preference values may hold serialized table layouts that
-- exceed TEXT; user agents of some browsers exceed 512 characters.

ALTER TABLE user_preferences MODIFY COLUMN pref_value MEDIUMTEXT NULL DEFAULT NULL;
ALTER TABLE ui_sessions MODIFY COLUMN user_agent VARCHAR(1024) NULL DEFAULT NULL;
