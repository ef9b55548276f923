CREATE TABLE v1 (a INT, b INT);
SET @begin = 1;
SET @end := 2, @if = 3;
SET @case = @begin + @end;
INSERT INTO v1 VALUES (@begin, @end), (@if, @case);
SELECT @begin, @end, @`loop` := 5;
INSERT INTO v1 VALUES (@`loop`, 0);
