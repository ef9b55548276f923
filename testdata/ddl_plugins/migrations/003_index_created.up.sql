ALTER TABLE events ADD INDEX idx_events_created (created);
