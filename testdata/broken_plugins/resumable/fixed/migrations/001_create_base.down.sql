DROP TABLE resumable_base;
