-- Dashboard v2 rollback: drop the UI session store.

DROP TABLE ui_sessions;
