UPDATE batch_tasks SET name = LEFT(name, CHAR_LENGTH(name) - 1) WHERE project_id = 0;
