-- Dashboard v2 rollback (SQLite): drop the UI session store.

DROP TABLE ui_sessions;
