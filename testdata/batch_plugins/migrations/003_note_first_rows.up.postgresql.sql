-- Reads the table it writes (PostgreSQL has no UPDATE ... LIMIT): not
-- batchable.
UPDATE batch_items SET note = 'first' WHERE id IN (SELECT id FROM batch_items ORDER BY id LIMIT 100000);
