INSERT INTO ev_log (note) VALUES ('before');

CREATE EVENT ev_purge ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00'
  DISABLE DO DELETE FROM ev_log WHERE note = 'stale';

INSERT INTO ev_log (note) VALUES ('after');
