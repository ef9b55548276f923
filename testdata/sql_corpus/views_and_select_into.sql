CREATE TABLE vs (begin INT, end INT);
INSERT INTO vs VALUES (1, 2), (3, 4);
CREATE VIEW vv AS SELECT begin, end, CASE WHEN begin > 1 THEN 'x' END AS c FROM vs;
SELECT SUM(end) INTO @total FROM vs;
INSERT INTO vs VALUES (@total, 0);
CREATE OR REPLACE VIEW `if` AS SELECT 1 AS `case`;
