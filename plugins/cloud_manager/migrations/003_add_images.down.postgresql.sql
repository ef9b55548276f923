-- Cloud manager v3 rollback (PostgreSQL): drop the image inventory.

DROP TABLE images;
