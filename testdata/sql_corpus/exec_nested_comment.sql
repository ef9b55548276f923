/*!50000 CREATE TABLE en1 (a INT /* inner; comment */, b INT) */;
/*!999999 DROP TABLE en1 /* nested */ */;
INSERT INTO en1 VALUES (1, 2) /*!999999 , (3, /* n */ 4) */;
/*!50000 INSERT INTO en1 VALUES (5, /* six */ 6) */;
