DROP INDEX idx_events_created;
