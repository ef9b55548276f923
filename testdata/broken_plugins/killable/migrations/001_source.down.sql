DROP TABLE killable_src;
