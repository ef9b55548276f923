ALTER TABLE t ADD COLUMN c INT;
SELECT pg_sleep((SELECT secs FROM sleep_control WHERE id = 1));
