CREATE TABLE e8 (a INT /*!80000 INVISIBLE */, b INT);
/*!80000 CREATE TABLE never_created (a INT) */;
INSERT INTO e8 VALUES (1, 2);
/*!80023 CREATE TABLE never_created_2 (a INT) */;
/*!50700 CREATE TABLE never_created_3 (a INT) */;
INSERT INTO e8 VALUES (3, 4) /*!80000 , (5, 6) */;
