-- monitor v8 down (PostgreSQL): recreate metric_last_values exactly as in v1
-- (empty; the collector refills it on its next poll).

CREATE TABLE metric_last_values (
    metric_id  BIGINT           NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    sampled_at TIMESTAMP(6)     NOT NULL,
    PRIMARY KEY (metric_id),
    CONSTRAINT fk_metric_last_values_metric FOREIGN KEY (metric_id)
        REFERENCES metrics (id) ON DELETE CASCADE
);
