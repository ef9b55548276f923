-- Not idempotent: batched over the composite key (project_id, name).
UPDATE batch_tasks SET v = v + 1;
