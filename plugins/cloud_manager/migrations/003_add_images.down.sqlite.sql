-- Cloud manager v3 rollback (SQLite): drop the image inventory.

DROP TABLE images;
