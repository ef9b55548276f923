RENAME TABLE events TO ev_old;
