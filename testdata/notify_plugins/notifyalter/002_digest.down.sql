ALTER TABLE na_rows DROP COLUMN digest;
