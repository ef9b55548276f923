CREATE TABLE c1 (commit INT, start INT, work INT, atomic INT, handler INT,
  rollback INT, savepoint INT, event INT, trigger_ INT);
INSERT INTO c1 (commit, start, work, atomic, handler) VALUES (1, 2, 3, 4, 5);
UPDATE c1 SET commit = start + work WHERE atomic = 4;
SELECT commit, start FROM c1;
START TRANSACTION;
UPDATE c1 SET rollback = 1;
COMMIT;
