ALTER TABLE events RENAME COLUMN note TO remark;
