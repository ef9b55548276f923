-- journal v2 down (PostgreSQL): remove the seeded event types. This fails (on
-- purpose, through fk_events_event_type) if events of these types were
-- already recorded: the journal is never silently truncated.

DELETE FROM event_types WHERE code IN (
    'aos.cloud.registered',
    'aos.cloud.unregistered',
    'aos.cloud.sync.failed',
    'identity.authenticate',
    'identity.authenticate.fail',
    'compute.instance.create.end',
    'compute.instance.delete.end',
    'volume.create.end',
    'billing.usage.hourly'
);
