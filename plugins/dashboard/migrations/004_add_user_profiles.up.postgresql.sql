-- Dashboard v4 (PostgreSQL): typed user profile table.
-- The theme used to be stored as the free-form 'theme' user preference; it is
-- moved into user_profiles.theme_code (validated against themes.code).
-- Preferences naming an unknown theme are left untouched. (Theme codes match
-- case-sensitively here; utf8mb4_unicode_ci matched them case-insensitively.)

CREATE TABLE user_profiles (
  user_id VARCHAR(64) NOT NULL,
  theme_code VARCHAR(32) NOT NULL DEFAULT 'default',
  locale VARCHAR(16) NOT NULL DEFAULT 'en_US',
  timezone VARCHAR(64) NOT NULL DEFAULT 'UTC',
  created_at TIMESTAMP(0) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP(0) NULL,
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

-- ... and remove the rows that were moved (DELETE ... JOIN -> DELETE ... USING)
DELETE FROM user_preferences p
 USING user_profiles u
 WHERE u.user_id = p.user_id AND u.theme_code = p.pref_value
   AND p.pref_key = 'theme';
