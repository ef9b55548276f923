UPDATE wk_cols SET begin = begin + 1;
UPDATE wk_cols SET n = n + 1;
/*!50000 CREATE TABLE wk_h3 (a INT NOT NULL PRIMARY KEY) ENGINE=InnoDB */;
/*M!100000 INSERT INTO wk_h3 (a) VALUES (1) */;
/*!999999 INSERT INTO wk_h3 (a) VALUES (2) */;
UPDATE wk_cols SET end = end + 1;
