CREATE TABLE begin (id INT, end INT);
INSERT INTO begin VALUES (1, 10), (2, 20);
UPDATE begin SET end = end + 1 WHERE id = 1;
SELECT end.id FROM begin AS end;
CREATE TABLE end (begin INT);
INSERT INTO end SELECT end FROM begin;
DELETE FROM begin WHERE end > 20;
