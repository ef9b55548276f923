DELETE FROM cf_rows;
