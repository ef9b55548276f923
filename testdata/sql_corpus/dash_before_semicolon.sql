-- expect refused: '--' right before ';'
CREATE TABLE dbs (a INT);
INSERT INTO dbs VALUES (1);
SELECT a FROM dbs WHERE a = 1 --;
INSERT INTO dbs VALUES (2);
