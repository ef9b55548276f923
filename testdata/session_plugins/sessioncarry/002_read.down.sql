DELETE FROM carry_out WHERE id = 1;
