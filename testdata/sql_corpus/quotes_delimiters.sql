CREATE TABLE `q;1` (`a;b` VARCHAR(40), `c--d` INT, `e#f` INT);
INSERT INTO `q;1` VALUES ('x;y', 1, 2), ("z;w", 3, 4);
INSERT INTO `q;1` VALUES ('END; BEGIN', 5, 6), ('DELIMITER $$', 7, 8);
SELECT `a;b` FROM `q;1` WHERE `a;b` = ';';
INSERT INTO `q;1` (`a;b`) VALUES (';;;'), ('/*!50000 ; */');
