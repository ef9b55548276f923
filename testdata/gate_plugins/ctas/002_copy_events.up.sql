CREATE TABLE ev_copy AS SELECT * FROM events;
