-- monitor v7 (SQLite): indexes for the dashboard queries ("alarms in state X
-- by severity", "history of the last N hours") and one source name per cloud.

CREATE INDEX idx_alarms_state_severity ON alarms (state, severity);

CREATE INDEX idx_alarm_history_changed ON alarm_history (changed_at);

CREATE UNIQUE INDEX uq_metric_sources_cloud_name ON metric_sources (cloud_uuid, name);
