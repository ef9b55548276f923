-- No primary key to range over.
UPDATE batch_heap SET v = v + 1;
