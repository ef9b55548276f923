-- Not idempotent: batched (in chunks of one row) when blocking_max_rows
-- is low, every key a chunk's boundary.
UPDATE batch_names SET v = v + 1;
UPDATE batch_nopad SET v = v + 1;
UPDATE batch_bytes SET v = v + 1;
