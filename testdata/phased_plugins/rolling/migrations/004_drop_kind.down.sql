ALTER TABLE events ADD COLUMN kind VARCHAR(32) AFTER id;
UPDATE events SET kind = category;
