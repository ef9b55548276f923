-- expect refused: sql_mode
CREATE TABLE aq (s VARCHAR(20));
SET SESSION sql_mode = 'ANSI';
INSERT INTO "aq" VALUES ('x');
