ALTER TABLE partner DROP COLUMN swapped;
