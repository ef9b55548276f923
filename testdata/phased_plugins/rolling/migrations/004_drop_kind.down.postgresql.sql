ALTER TABLE events ADD COLUMN kind VARCHAR(32);
UPDATE events SET kind = category;
