-- Not idempotent: every row must end +1 exactly once, in chunks. On
-- PostgreSQL the step commits in segments (issue 28): the statements
-- before the batched one once (a second CREATE TABLE would fail), each
-- chunk, then the last statement with the version row.
CREATE TABLE batch_log (step INTEGER NOT NULL PRIMARY KEY, runs INTEGER NOT NULL);
INSERT INTO batch_log (step, runs) VALUES (2, 1);
UPDATE "batch_items" SET v = v + 1;
UPDATE batch_log SET runs = runs + 1 WHERE step = 2;
