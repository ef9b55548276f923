CREATE TABLE b1 (s VARCHAR(40));
INSERT INTO b1 VALUES ('it\'s; fine');
INSERT INTO b1 VALUES ("say \"hi;\"");
INSERT INTO b1 VALUES ('ends in backslash\\');
INSERT INTO b1 VALUES ('\\'), ('x\\\'y;');
INSERT INTO b1 VALUES ('\n\t\0\Z\%\_;');
SELECT s FROM b1 WHERE s LIKE '%\\%';
