-- Cloud manager v20 (PostgreSQL): add indexes used by the "request trace"
-- and "user activity" views. (MySQL also widens details from TEXT to
-- MEDIUMTEXT for full request bodies; PostgreSQL TEXT has no such limit, so
-- the column is unchanged.)

CREATE INDEX idx_audit_log_request_id ON audit_log (request_id);
CREATE INDEX idx_audit_log_actor ON audit_log (actor_user_id, occurred_at);
