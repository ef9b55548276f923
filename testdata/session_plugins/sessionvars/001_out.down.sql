DROP TABLE sv_out;
