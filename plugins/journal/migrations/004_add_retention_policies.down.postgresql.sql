-- journal v4 down (PostgreSQL): detach event types from retention policies
-- and drop the policies table (with its seed rows).

ALTER TABLE event_types
    DROP CONSTRAINT fk_event_types_retention_policy;

DROP INDEX idx_event_types_retention_policy;

ALTER TABLE event_types
    DROP COLUMN retention_policy_id;

DROP TABLE retention_policies;
