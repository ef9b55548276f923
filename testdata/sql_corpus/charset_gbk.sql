-- expect refused: character set to gbk
CREATE TABLE cg (s VARCHAR(20));
SET NAMES gbk;
INSERT INTO cg VALUES ('x');
