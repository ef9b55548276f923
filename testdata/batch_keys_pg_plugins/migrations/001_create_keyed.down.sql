DROP TABLE batch_days;
DROP TABLE batch_bytes;
DROP TABLE batch_tokens;
DROP TABLE batch_tasks;
