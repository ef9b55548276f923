-- Dashboard v3 rollback (SQLite): drop the theme catalog (and its seeded rows).

DROP TABLE themes;
