# A hash comment; with ' and " and ` unbalanced
CREATE TABLE h1 (a INT, b VARCHAR(10)); # trailing; comment
INSERT INTO h1 VALUES (1, '#not a comment;'); # another
INSERT INTO h1 VALUES (2, "x#y") # end of statement; not
;
SELECT a FROM h1 WHERE b <> '#';
