-- Dashboard v3 rollback (PostgreSQL): drop the theme catalog (and its seeded rows).

DROP TABLE themes;
