DROP TABLE batch_copy;
