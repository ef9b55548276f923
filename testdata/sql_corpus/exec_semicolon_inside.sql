-- expect refused: inside an executable comment
CREATE TABLE es (a INT);
/*!50000 INSERT INTO es VALUES (1); INSERT INTO es VALUES (2) */;
