-- Statement 2 CALLs the procedure of migration 1, which turns autocommit
-- off: the step must fail there, with statement 3 never run.
INSERT INTO takeproc_log (note) VALUES ('before');

CALL takeproc_off();

INSERT INTO takeproc_log (note) VALUES ('after');
