DROP TABLE carry_out;
