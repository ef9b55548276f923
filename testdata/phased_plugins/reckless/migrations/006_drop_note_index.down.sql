CREATE INDEX idx_events_note ON events (remark);
