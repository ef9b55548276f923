CREATE TABLE lb (a INT);
outer_block: BEGIN NOT ATOMIC
  DECLARE i INT DEFAULT 0;
  inner_loop: LOOP
    SET i = i + 1;
    INSERT INTO lb VALUES (i);
    IF i >= 3 THEN LEAVE inner_loop; END IF;
    ITERATE inner_loop;
  END LOOP inner_loop;
  IF i = 3 THEN LEAVE outer_block; END IF;
  INSERT INTO lb VALUES (100);
END outer_block;
INSERT INTO lb VALUES (4);
