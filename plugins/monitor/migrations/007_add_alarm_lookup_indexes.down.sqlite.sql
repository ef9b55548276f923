-- monitor v7 down (SQLite): drop the indexes added by v7.

DROP INDEX uq_metric_sources_cloud_name;

DROP INDEX idx_alarm_history_changed;

DROP INDEX idx_alarms_state_severity;
