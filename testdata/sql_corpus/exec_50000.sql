/*!50000 CREATE TABLE h3 (a INT) */;
INSERT /*!50000 INTO */ h3 VALUES (1);
/*!40101 SET @saved = @@sql_mode */;
INSERT INTO h3 VALUES (2) /*!50000 , (3) */;
/*!50000 INSERT INTO h3 VALUES (4) */;
