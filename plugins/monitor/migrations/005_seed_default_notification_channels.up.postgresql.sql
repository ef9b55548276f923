-- monitor v5 (PostgreSQL): default notification channels created on every
-- installation; operators edit the targets after deployment.

INSERT INTO notification_channels (name, channel_type, target, enabled) VALUES
    ('ops-default-email', 'email',   'cloud-ops@example.com', TRUE),
    ('noc-webhook',       'webhook', 'https://noc.example.com/hooks/accentos?source=monitor;format=json', FALSE),
    ('on-call-sms',       'sms',     '+10000000000', FALSE);
