CREATE TABLE wd (a INT, do INT);
SET @i = 0;
WHILE @i < 3 DO
  SET @i = @i + 1;
  INSERT INTO wd (a) VALUES (@i);
  DO SLEEP(0);
END WHILE;
w: WHILE @i < 5 DO INSERT INTO wd VALUES (@i, 1); SET @i = @i + 1; END WHILE w;
UPDATE wd SET do = 2 WHERE do IS NULL;
