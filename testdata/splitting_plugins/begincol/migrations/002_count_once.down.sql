ALTER TABLE begincol_fixme DROP COLUMN extra;
UPDATE begincol_t SET begin = begin - 1, n = n - 1, end = end - 1;
DELETE FROM begincol_log WHERE note = 'first';
