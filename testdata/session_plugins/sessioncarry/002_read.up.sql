INSERT INTO carry_out (id, v) VALUES (1, @carried);
