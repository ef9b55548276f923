DROP TABLE walk_miss;
