DELETE FROM swap_a WHERE id = 100;
RENAME TABLE swap_a TO swap_tmp, swap_b TO swap_a, swap_tmp TO swap_b;
DELETE FROM swap_a WHERE id = 2;
