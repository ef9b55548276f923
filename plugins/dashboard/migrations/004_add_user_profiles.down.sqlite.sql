-- Dashboard v4 rollback (SQLite): move profile themes back into the 'theme'
-- user preference, then drop user_profiles.

INSERT INTO user_preferences (user_id, pref_key, pref_value, updated_at)
SELECT user_id, 'theme', theme_code, updated_at
  FROM user_profiles;

DROP TABLE user_profiles;
