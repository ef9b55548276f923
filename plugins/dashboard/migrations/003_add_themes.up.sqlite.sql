-- Dashboard v3 (SQLite): theme catalog, seeded with the built-in themes.
-- css_vars holds CSS custom properties; note the values legitimately contain
-- semicolons and one display name contains an apostrophe.

CREATE TABLE themes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL,
  display_name TEXT NOT NULL,
  css_vars TEXT,
  is_builtin INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX uq_themes_code ON themes (code);

/* Built-in themes. Operators can add their own rows; rows with
   is_builtin = 1 are managed by migrations only. */
INSERT INTO themes (code, display_name, css_vars, is_builtin) VALUES
  ('default', 'AccentOS Light', '--aos-bg:#ffffff; --aos-fg:#1f2933; --aos-accent:#0b69c7;', 1),
  ('dark', 'AccentOS Dark', '--aos-bg:#111827; --aos-fg:#e5e7eb; --aos-accent:#3b82f6;', 1),
  ('high_contrast', 'High Contrast', '--aos-bg:#000000; --aos-fg:#ffffff; --aos-accent:#ffd400;', 1),
  ('operators_classic', 'Operator''s Classic', '--aos-bg:#f4f1ea; --aos-fg:#2b2b2b; --aos-accent:#a0522d;', 1);
