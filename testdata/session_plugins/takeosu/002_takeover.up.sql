-- Statement 4 takes over the session the tool owns, as prepared from a
-- variable no reader of the script sees: the step must fail there, with
-- statement 5 never run.
INSERT INTO takeosu_log (note) VALUES ('before');

SET @q = CONCAT('SET SESSION wsrep_OSU', '_method = ''RSU''');

PREPARE s FROM @q;

EXECUTE s;

INSERT INTO takeosu_log (note) VALUES ('after');
