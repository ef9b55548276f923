-- Dashboard v9 (PostgreSQL): user agents of some browsers exceed 512
-- characters. (MySQL also widens user_preferences.pref_value from TEXT to
-- MEDIUMTEXT; PostgreSQL TEXT has no such limit, so that column is unchanged.)

ALTER TABLE ui_sessions ALTER COLUMN user_agent TYPE VARCHAR(1024);
