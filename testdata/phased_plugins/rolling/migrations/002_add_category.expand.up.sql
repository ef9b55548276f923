ALTER TABLE events ADD COLUMN category VARCHAR(32);
CREATE INDEX idx_events_category ON events (category);
