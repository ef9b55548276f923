DROP INDEX ix_items_name;
ALTER TABLE views_fixme DROP COLUMN extra;
ALTER TABLE items DROP COLUMN note;
DELETE FROM items WHERE name = 'quince';
