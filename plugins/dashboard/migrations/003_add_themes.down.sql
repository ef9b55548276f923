-- Dashboard v3 rollback: drop the theme catalog (and its seeded rows).

DROP TABLE themes;
