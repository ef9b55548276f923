/* a /* b */ CREATE TABLE n1 (a INT);
/* ; ' " ` -- # */ INSERT INTO n1 VALUES (1);
INSERT INTO n1 /* inline; */ VALUES (2) /* /* */;
/**/INSERT INTO n1 VALUES (3);/***/
INSERT INTO n1 VALUES (4) /* a */ /* b ; */;
/* */ /* -- */ INSERT INTO n1 VALUES (5);
