-- A step that takes a while: two seconds of nothing, then a row.
DO SLEEP(2);

INSERT INTO ns_log (note) VALUES ('slept');
