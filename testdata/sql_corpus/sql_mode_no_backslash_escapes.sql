-- expect refused: sql_mode
CREATE TABLE nbe (s VARCHAR(20));
SET sql_mode = 'NO_BACKSLASH_ESCAPES';
INSERT INTO nbe VALUES ('a\\');
