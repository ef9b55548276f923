-- Not idempotent: batched over the VARCHAR(36) key id.
UPDATE batch_tokens SET v = v + 1;
