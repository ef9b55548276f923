-- Dashboard v5 rollback: drop saved filters.

DROP TABLE saved_filters;
