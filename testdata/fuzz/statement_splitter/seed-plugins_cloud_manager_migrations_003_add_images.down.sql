-- Cloud manager v3 rollback: drop the image inventory.

DROP TABLE images;
