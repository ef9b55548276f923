CREATE TABLE kw (`if` INT, `case` INT, `loop` INT, `repeat` INT, `while` INT,
  `for` INT, `declare` INT, `leave` INT, `until` INT, `elseif` INT);
INSERT INTO kw VALUES (1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
UPDATE kw SET `if` = `case` + 1, `loop` = `while` WHERE `repeat` = 4;
SELECT `if`, `case`, `loop` FROM kw WHERE `until` = 9;
CREATE TABLE `begin` (`end` INT, `;` INT);
INSERT INTO `begin` VALUES (1, 2);
