-- Cloud manager v10 rollback (PostgreSQL): drop tagging.

DROP TABLE resource_tags;
DROP TABLE tags;
