DROP TABLE sc_out;
DROP TABLE sc_src;
