-- Issue 23: a column named begin opened a "body" up to a later end.
CREATE TABLE p (id INT PRIMARY KEY, begin INT, end INT, n INT);
INSERT INTO p (id, begin, end, n) VALUES (1, 2, 3, 0);
UPDATE p SET begin = begin + 1 WHERE end = 3;
UPDATE p SET n = n + 1;
SELECT begin, end FROM p;
ALTER TABLE p ADD INDEX (begin);
