DROP TABLE legacy;
DROP TABLE child;
DROP TABLE parent;
DROP TABLE spare;
DROP TABLE partner;
DROP TABLE parts;
DROP TABLE items;
