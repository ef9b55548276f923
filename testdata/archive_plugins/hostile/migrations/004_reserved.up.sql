CREATE TABLE marker4 (id INT PRIMARY KEY);
CREATE TABLE aos_migration_archive_1 (id INT PRIMARY KEY);
