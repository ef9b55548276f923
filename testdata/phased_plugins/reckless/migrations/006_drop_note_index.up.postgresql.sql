DROP INDEX idx_events_note;
