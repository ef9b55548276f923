INSERT INTO swap_a (id, note) VALUES (2, 'second a');

RENAME TABLE swap_a TO swap_tmp, swap_b TO swap_a, swap_tmp TO swap_b;

INSERT INTO swap_a (id, note) VALUES (100, 'after');
