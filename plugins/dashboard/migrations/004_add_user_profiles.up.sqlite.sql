-- Dashboard v4 (SQLite): typed user profile table.
-- The theme used to be stored as the free-form 'theme' user preference; it is
-- moved into user_profiles.theme_code (validated against themes.code, whose
-- unique index uq_themes_code makes it a valid foreign key target).
-- Preferences naming an unknown theme are left untouched.

CREATE TABLE user_profiles (
  user_id TEXT NOT NULL,
  theme_code TEXT NOT NULL DEFAULT 'default',
  locale TEXT NOT NULL DEFAULT 'en_US',
  timezone TEXT NOT NULL DEFAULT 'UTC',
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT,
  PRIMARY KEY (user_id),
  CONSTRAINT fk_user_profiles_theme_code FOREIGN KEY (theme_code)
    REFERENCES themes (code) ON UPDATE CASCADE
);

CREATE INDEX idx_user_profiles_theme_code ON user_profiles (theme_code);

-- data migration: copy valid theme preferences into the new table
INSERT INTO user_profiles (user_id, theme_code, updated_at)
SELECT p.user_id, p.pref_value, p.updated_at
  FROM user_preferences p
  JOIN themes t ON t.code = p.pref_value
 WHERE p.pref_key = 'theme';

-- ... and remove the rows that were moved (MySQL's multi-table DELETE ...
-- JOIN becomes a correlated EXISTS)
DELETE FROM user_preferences
 WHERE pref_key = 'theme'
   AND EXISTS (SELECT 1 FROM user_profiles u
                WHERE u.user_id = user_preferences.user_id
                  AND u.theme_code = user_preferences.pref_value);
