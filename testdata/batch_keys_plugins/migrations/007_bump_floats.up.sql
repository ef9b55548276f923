-- A DOUBLE key: its values do not read back exactly.
UPDATE batch_floats SET v = v + 1;
