-- Dashboard v5 rollback (SQLite): drop saved filters.

DROP TABLE saved_filters;
