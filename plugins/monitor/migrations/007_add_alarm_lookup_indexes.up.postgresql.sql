-- monitor v7 (PostgreSQL): indexes for the dashboard queries ("alarms in
-- state X by severity", "history of the last N hours") and one source name
-- per cloud.

CREATE INDEX idx_alarms_state_severity ON alarms (state, severity);

CREATE INDEX idx_alarm_history_changed ON alarm_history (changed_at);

ALTER TABLE metric_sources
    ADD CONSTRAINT uq_metric_sources_cloud_name UNIQUE (cloud_uuid, name);
