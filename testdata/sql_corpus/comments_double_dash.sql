CREATE TABLE d1 (a INT);
INSERT INTO d1 VALUES (1--1);
INSERT INTO d1 VALUES (5 -- a comment; with a semicolon
);
INSERT INTO d1 VALUES (7 --	tab comment; here
);
INSERT INTO d1 VALUES (9) --
;
INSERT INTO d1 VALUES (2---3);
SELECT a FROM d1 WHERE a > --1 + 2
-1;
