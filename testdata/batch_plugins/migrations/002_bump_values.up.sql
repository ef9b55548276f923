-- Not idempotent: every row must end +1 exactly once, in chunks.
UPDATE batch_items SET v = v + 1;
