DROP TABLE na_rows;
