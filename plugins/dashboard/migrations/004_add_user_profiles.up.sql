-- Dashboard v4: typed user profile table.
-- The theme used to be stored as the free-form 'theme' user preference; it is
-- moved into user_profiles.theme_code (validated against themes.code).
-- Preferences naming an unknown theme are left untouched.

CREATE TABLE user_profiles (
  user_id VARCHAR(64) NOT NULL,
  theme_code VARCHAR(32) NOT NULL DEFAULT 'default',
  locale VARCHAR(16) NOT NULL DEFAULT 'en_US',
  timezone VARCHAR(64) NOT NULL DEFAULT 'UTC',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL DEFAULT NULL,
  PRIMARY KEY (user_id),
  KEY idx_user_profiles_theme_code (theme_code),
  CONSTRAINT fk_user_profiles_theme_code FOREIGN KEY (theme_code)
    REFERENCES themes (code) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- data migration: copy valid theme preferences into the new table
INSERT INTO user_profiles (user_id, theme_code, updated_at)
SELECT p.user_id, p.pref_value, p.updated_at
  FROM user_preferences p
  JOIN themes t ON t.code = p.pref_value
 WHERE p.pref_key = 'theme';

-- ... and remove the rows that were moved
DELETE p FROM user_preferences p
  JOIN user_profiles u ON u.user_id = p.user_id AND u.theme_code = p.pref_value
 WHERE p.pref_key = 'theme';
