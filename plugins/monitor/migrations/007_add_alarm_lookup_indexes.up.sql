-- monitor v7: indexes for the dashboard queries ("alarms in state X by
-- severity", "history of the last N hours") and one source name per cloud.

ALTER TABLE alarms
    ADD KEY idx_alarms_state_severity (state, severity);

ALTER TABLE alarm_history
    ADD KEY idx_alarm_history_changed (changed_at);

ALTER TABLE metric_sources
    ADD UNIQUE KEY uq_metric_sources_cloud_name (cloud_uuid, name);
