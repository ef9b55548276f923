-- Dashboard v5 rollback (PostgreSQL): drop saved filters.

DROP TABLE saved_filters;
