-- monitor v1 down (SQLite): drop all initial tables, dependants first.
-- Indexes and the updated_at triggers go with their tables.

DROP TABLE metric_last_values;
DROP TABLE alarm_history;
DROP TABLE alarms;
DROP TABLE metrics;
DROP TABLE metric_sources;
