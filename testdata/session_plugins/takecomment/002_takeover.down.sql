DELETE FROM takecomment_log;
