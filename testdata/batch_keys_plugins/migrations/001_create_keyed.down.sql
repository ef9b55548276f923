DROP TABLE batch_floats;
DROP TABLE batch_heap;
DROP TABLE batch_tokens;
DROP TABLE batch_tasks;
DROP TABLE batch_bytes;
DROP TABLE batch_nopad;
DROP TABLE batch_names;
