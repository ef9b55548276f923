-- monitor v7 down (PostgreSQL): drop the indexes added by v7.

ALTER TABLE metric_sources
    DROP CONSTRAINT uq_metric_sources_cloud_name;

DROP INDEX idx_alarm_history_changed;

DROP INDEX idx_alarms_state_severity;
