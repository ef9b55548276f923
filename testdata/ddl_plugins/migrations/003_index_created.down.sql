ALTER TABLE events DROP INDEX idx_events_created;
