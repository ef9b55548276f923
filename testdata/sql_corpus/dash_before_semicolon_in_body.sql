CREATE TABLE dbb (a INT);
BEGIN NOT ATOMIC
  INSERT INTO dbb VALUES (1) -- a comment; with a semicolon
  ;
  INSERT INTO dbb VALUES (2 -- ;
  );
END;
SELECT 1 -- x
