-- Cloud manager v10 rollback (SQLite): drop tagging.

DROP TABLE resource_tags;
DROP TABLE tags;
