-- Cloud manager v20: audit details can contain full request bodies (heat
-- templates); add indexes used by the "request trace" and "user activity" views.

ALTER TABLE audit_log
  MODIFY COLUMN details MEDIUMTEXT NULL DEFAULT NULL;

ALTER TABLE audit_log
  ADD KEY idx_audit_log_request_id (request_id),
  ADD KEY idx_audit_log_actor (actor_user_id, occurred_at);
