CREATE INDEX idx_events_created ON events (created);
