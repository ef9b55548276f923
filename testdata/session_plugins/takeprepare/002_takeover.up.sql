-- Statement 4 takes over the session the tool owns, as prepared from a
-- variable no reader of the script sees: the step must fail there, with
-- statement 5 never run.
INSERT INTO takeprepare_log (note) VALUES ('before');

SET @q = CONCAT('START ', 'TRANSACTION');

PREPARE s FROM @q;

EXECUTE s;

INSERT INTO takeprepare_log (note) VALUES ('after');
