-- monitor v8 down (SQLite): recreate metric_last_values exactly as in v1
-- (empty; the collector refills it on its next poll).

CREATE TABLE metric_last_values (
    metric_id  INTEGER NOT NULL,
    value      REAL    NOT NULL,
    sampled_at TEXT    NOT NULL,
    PRIMARY KEY (metric_id),
    CONSTRAINT fk_metric_last_values_metric FOREIGN KEY (metric_id)
        REFERENCES metrics (id) ON DELETE CASCADE
);
