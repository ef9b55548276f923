-- journal v4 down (SQLite): detach event types from retention policies and
-- drop the policies table (with its seed rows). Dropping the column also
-- drops its column-level foreign key fk_event_types_retention_policy; the
-- index must go first (SQLite cannot drop an indexed column).

DROP INDEX idx_event_types_retention_policy;

ALTER TABLE event_types DROP COLUMN retention_policy_id;

DROP TABLE retention_policies;
