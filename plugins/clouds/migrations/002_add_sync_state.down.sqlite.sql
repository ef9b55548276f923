-- clouds v2 down (SQLite): drop the sync state table (its rows go with it).

DROP TABLE cloud_sync_state;
