DROP PROCEDURE cf_fill;
DROP TABLE cf_rows;
