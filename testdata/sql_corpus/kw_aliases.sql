CREATE TABLE a1 (x INT);
INSERT INTO a1 VALUES (1), (2);
SELECT x AS begin, x + 1 AS end FROM a1 AS commit;
SELECT begin.x FROM a1 begin JOIN a1 end ON begin.x = end.x;
CREATE TABLE a2 AS SELECT x AS begin, x AS end, x AS start, x AS work FROM a1;
