-- journal v2 (PostgreSQL): seed the event types emitted by AccentOS itself
-- and the OpenStack notifications we subscribe to. Same rows as
-- 002_seed_core_event_types.up.sql.
/* Descriptions are user facing; note that some contain ';' and quotes,
   which the migration tool's statement splitter must leave alone. */

INSERT INTO event_types (code, category, severity, description) VALUES
    ('aos.cloud.registered',       'audit',    'info',     'A cloud was registered; credentials reference stored'),
    ('aos.cloud.unregistered',     'audit',    'warning',  'A cloud was removed from AccentOS'),
    ('aos.cloud.sync.failed',      'system',   'error',    'Inventory sync failed; see payload.error for the cloud''s reply'),
    ('identity.authenticate',      'security', 'info',     'User authenticated against the cloud''s Keystone'),
    ('identity.authenticate.fail', 'security', 'warning',  'Failed authentication attempt'),
    ('compute.instance.create.end','audit',    'info',     'Nova server created'),
    ('compute.instance.delete.end','audit',    'info',     'Nova server deleted'),
    ('volume.create.end',          'audit',    'info',     'Cinder volume created'),
    ('billing.usage.hourly',       'billing',  'debug',    'Hourly usage record; one per project and flavor');
