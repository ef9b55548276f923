DELETE FROM takeosu_log;
