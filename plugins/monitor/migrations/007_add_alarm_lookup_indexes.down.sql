-- monitor v7 down: drop the indexes added by v7.

ALTER TABLE metric_sources
    DROP KEY uq_metric_sources_cloud_name;

ALTER TABLE alarm_history
    DROP KEY idx_alarm_history_changed;

ALTER TABLE alarms
    DROP KEY idx_alarms_state_severity;
