-- Assigns a column of the key: a row could move into a later chunk.
UPDATE batch_tasks SET name = CONCAT(name, '!') WHERE project_id = 0;
