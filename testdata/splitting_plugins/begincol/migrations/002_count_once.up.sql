-- Five statements; the fourth fails until begincol_fixme exists.
INSERT INTO begincol_log (note) VALUES ('first');
UPDATE begincol_t SET begin = begin + 1;
UPDATE begincol_t SET n = n + 1;
ALTER TABLE begincol_fixme ADD COLUMN extra INT NULL;
UPDATE begincol_t SET end = end + 1;
