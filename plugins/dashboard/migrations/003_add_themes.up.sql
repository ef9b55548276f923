-- Dashboard v3: theme catalog, seeded with the built-in themes.
-- css_vars holds CSS custom properties; note the values legitimately contain
-- semicolons and one display name contains an apostrophe.

CREATE TABLE themes (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(32) NOT NULL,
  display_name VARCHAR(128) NOT NULL,
  css_vars TEXT NULL DEFAULT NULL,
  is_builtin TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_themes_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

/* Built-in themes. Operators can add their own rows; rows with
   is_builtin = 1 are managed by migrations only. */
INSERT INTO themes (code, display_name, css_vars, is_builtin) VALUES
  ('default', 'AccentOS Light', '--aos-bg:#ffffff; --aos-fg:#1f2933; --aos-accent:#0b69c7;', 1),
  ('dark', 'AccentOS Dark', '--aos-bg:#111827; --aos-fg:#e5e7eb; --aos-accent:#3b82f6;', 1),
  ('high_contrast', 'High Contrast', '--aos-bg:#000000; --aos-fg:#ffffff; --aos-accent:#ffd400;', 1),
  ('operators_classic', 'Operator''s Classic', '--aos-bg:#f4f1ea; --aos-fg:#2b2b2b; --aos-accent:#a0522d;', 1);
