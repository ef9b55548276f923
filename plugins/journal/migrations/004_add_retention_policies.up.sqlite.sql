-- journal v4 (SQLite): retention policies. Each event type points at the
-- policy that decides how long its events are kept online before
-- archiving/purging.

CREATE TABLE retention_policies (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    name                 TEXT    NOT NULL,
    retain_days          INTEGER NOT NULL,
    archive_before_purge INTEGER NOT NULL DEFAULT 1,
    description          TEXT    NOT NULL DEFAULT '',
    created_at           TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX uq_retention_policies_name ON retention_policies (name);

INSERT INTO retention_policies (name, retain_days, archive_before_purge, description) VALUES
    ('default',    90,   1, 'Default: 90 days online, then archived'),
    ('security',   400,  1, 'Security events; kept > 1 year for audits'),
    ('billing',    1095, 1, 'Billing records (3 years; finance''s requirement)'),
    ('debug',      14,   0, 'Debug events are purged without archiving');

-- SQLite cannot add a table-level foreign key to an existing table, but ADD
-- COLUMN accepts a named column-level one (the column must default to NULL),
-- which is the same constraint. The column is appended at the end (MySQL puts
-- it AFTER severity; column order is not significant).
ALTER TABLE event_types ADD COLUMN retention_policy_id INTEGER
    CONSTRAINT fk_event_types_retention_policy REFERENCES retention_policies (id) ON DELETE SET NULL;

CREATE INDEX idx_event_types_retention_policy ON event_types (retention_policy_id);

-- Backfill: pick the policy from the category (billing, security) or the
-- severity (debug); everything else gets the default policy.
-- (MySQL UPDATE ... JOIN becomes SQLite UPDATE ... FROM; IF() becomes CASE.)
UPDATE event_types AS t
   SET retention_policy_id = p.id
  FROM retention_policies AS p
 WHERE p.name = COALESCE(
         NULLIF(CASE WHEN t.category IN ('billing', 'security') THEN t.category ELSE '' END, ''),
         NULLIF(CASE WHEN t.severity = 'debug' THEN 'debug' ELSE '' END, ''),
         'default');
