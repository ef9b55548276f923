ALTER TABLE events RENAME COLUMN remark TO note;
