DROP TABLE swap_b;
DROP TABLE swap_a;
