-- Dashboard v2 rollback (PostgreSQL): drop the UI session store.

DROP TABLE ui_sessions;
