DROP EVENT ev_purge;
DELETE FROM ev_log;
