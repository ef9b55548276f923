CREATE TABLE `we``ird;` (a VARCHAR(40));
INSERT INTO `we``ird;` VALUES ('it''s;'), ("say ""hi;""");
INSERT INTO `we``ird;` VALUES ('''; ''');
INSERT INTO `we``ird;` VALUES ('a' 'b;' "c");
SELECT a FROM `we``ird;`;
