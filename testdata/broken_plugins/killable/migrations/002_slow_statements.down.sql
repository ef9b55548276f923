ALTER TABLE killable_src DROP COLUMN extra;
DROP TABLE killable_copy;
DROP TABLE killable_log;
