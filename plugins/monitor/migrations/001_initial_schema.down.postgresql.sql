-- monitor v1 down (PostgreSQL): drop all initial tables, dependants first,
-- then the ON UPDATE trigger functions (DROP TABLE leaves functions behind).

DROP TABLE metric_last_values;
DROP TABLE alarm_history;
DROP TABLE alarms;
DROP TABLE metrics;
DROP TABLE metric_sources;
DROP FUNCTION trg_alarms_updated_at_on_update();
DROP FUNCTION trg_metric_sources_updated_at_on_update();
