DELETE FROM sk_log;
