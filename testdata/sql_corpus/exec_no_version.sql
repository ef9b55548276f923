/*! CREATE TABLE nv1 (a INT) */;
/*!CREATE TABLE nv2 (a INT)*/;
/*M! CREATE TABLE nv3 (a INT) */;
INSERT INTO nv1 VALUES /*! (1), */ (2);
