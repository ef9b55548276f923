DROP INDEX idx_events_category;
ALTER TABLE events DROP COLUMN category;
