-- Cloud manager v20 (SQLite): audit details can contain full request bodies
-- (heat templates); add indexes used by the "request trace" and "user
-- activity" views.
-- details TEXT -> MEDIUMTEXT needs no change in SQLite: it is TEXT either
-- way, without a length limit.

CREATE INDEX idx_audit_log_request_id ON audit_log (request_id);
CREATE INDEX idx_audit_log_actor ON audit_log (actor_user_id, occurred_at);
