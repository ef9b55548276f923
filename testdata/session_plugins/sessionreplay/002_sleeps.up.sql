-- A run is killed in statement 3 (DO) or 4 (SELECT): both simply run
-- again, in the session statement 2 left.
INSERT INTO sr_log (note) VALUES ('before');

SET @after := 'after';

DO SLEEP(4);

SELECT SLEEP(4) INTO @slept;

INSERT INTO sr_log (note) VALUES (CONCAT(@after, ' ', @slept));
