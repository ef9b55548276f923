-- journal v4: retention policies. Each event type points at the policy that
-- decides how long its events are kept online before archiving/purging.

CREATE TABLE retention_policies (
    id                   SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
    name                 VARCHAR(64)       NOT NULL,
    retain_days          INT UNSIGNED      NOT NULL,
    archive_before_purge TINYINT(1)        NOT NULL DEFAULT 1,
    description          VARCHAR(512)      NOT NULL DEFAULT '',
    created_at           DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_retention_policies_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO retention_policies (name, retain_days, archive_before_purge, description) VALUES
    ('default',    90,   1, 'Default: 90 days online, then archived'),
    ('security',   400,  1, 'Security events; kept > 1 year for audits'),
    ('billing',    1095, 1, 'Billing records (3 years; finance''s requirement)'),
    ('debug',      14,   0, 'Debug events are purged without archiving');

ALTER TABLE event_types
    ADD COLUMN retention_policy_id SMALLINT UNSIGNED NULL DEFAULT NULL AFTER severity,
    ADD KEY idx_event_types_retention_policy (retention_policy_id),
    ADD CONSTRAINT fk_event_types_retention_policy FOREIGN KEY (retention_policy_id)
        REFERENCES retention_policies (id) ON DELETE SET NULL;

-- Backfill: pick the policy from the category (billing, security) or the
-- severity (debug); everything else gets the default policy.
UPDATE event_types t
  JOIN retention_policies p
    ON p.name = COALESCE(
         NULLIF(IF(t.category IN ('billing', 'security'), t.category, ''), ''),
         NULLIF(IF(t.severity = 'debug', 'debug', ''), ''),
         'default')
   SET t.retention_policy_id = p.id;
