-- Assigns the key: a row could move into a later chunk (not batchable).
UPDATE batch_items SET id = id + 10000 WHERE id > 2990;
