INSERT INTO cf_rows (v) VALUES (0);

CALL cf_fill();

INSERT INTO cf_rows (v) VALUES (2);
