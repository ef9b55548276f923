-- Dashboard v9 rollback (PostgreSQL): restore the previous size of
-- ui_sessions.user_agent. Like MySQL in strict mode, this fails if a longer
-- value was stored since v9. (pref_value stays TEXT: nothing to undo.)

ALTER TABLE ui_sessions ALTER COLUMN user_agent TYPE VARCHAR(512);
