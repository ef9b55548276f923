-- monitor v8 down: recreate metric_last_values exactly as in v1 (empty; the
-- collector refills it on its next poll).

CREATE TABLE metric_last_values (
    metric_id  BIGINT UNSIGNED NOT NULL,
    value      DOUBLE          NOT NULL,
    sampled_at DATETIME(6)     NOT NULL,
    PRIMARY KEY (metric_id),
    CONSTRAINT fk_metric_last_values_metric FOREIGN KEY (metric_id)
        REFERENCES metrics (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
