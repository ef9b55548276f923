DROP TABLE myi_out;
DROP TABLE myi_pick;
DROP TABLE myi_src;
