CREATE TABLE audit (id INTEGER NOT NULL PRIMARY KEY);
UPDATE events SET tag = 'migrated';
