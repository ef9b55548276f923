-- Statement 4 takes over the session the tool owns, as prepared from a
-- variable no reader of the script sees: the step must fail there, with
-- statement 5 never run.
INSERT INTO takeflush_log (note) VALUES ('before');

SET @q = CONCAT('FLUSH TABLES takeflush_log WITH ', 'READ LOCK');

PREPARE s FROM @q;

EXECUTE s;

INSERT INTO takeflush_log (note) VALUES ('after');
