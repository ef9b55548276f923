-- Cloud manager v10 rollback: drop tagging.

DROP TABLE resource_tags;
DROP TABLE tags;
