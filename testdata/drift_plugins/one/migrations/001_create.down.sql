DROP TABLE audit;
DROP TABLE items;
