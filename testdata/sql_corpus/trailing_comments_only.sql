CREATE TABLE tco (a INT);
INSERT INTO tco VALUES (1);
-- the end; nothing more
/* really; nothing */
# nor here;
