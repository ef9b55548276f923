-- Statement 3 fails until the operator creates sv_fixme; statements 4
-- and 5 read the variables statements 1 and 2 set, types included.
SET @n := 41, @d := 42.50, @s := _latin1 X'636166E9' COLLATE latin1_bin,
    @f := 0.1e0 + 0.2e0, @u := CAST(7 AS UNSIGNED), @z := NULL;

SET SESSION time_zone = '+03:00';

INSERT INTO sv_fixme (id) VALUES (1);

INSERT INTO sv_out (v) VALUES (@n + 1);

CREATE TABLE sv_types ENGINE=InnoDB AS
  SELECT @n AS n, @d AS d, @s AS s, @f AS f, @u AS u, @z AS z,
         @@time_zone AS tz;
