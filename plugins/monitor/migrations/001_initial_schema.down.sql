-- monitor v1 down: drop all initial tables, dependants first.

DROP TABLE metric_last_values;
DROP TABLE alarm_history;
DROP TABLE alarms;
DROP TABLE metrics;
DROP TABLE metric_sources;
