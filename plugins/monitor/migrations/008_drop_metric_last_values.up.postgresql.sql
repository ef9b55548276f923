-- monitor v8 (PostgreSQL): the latest-sample cache moved to the in-memory
-- metrics cache of the collector; the table is no longer read or written.

DROP TABLE metric_last_values;
