-- monitor v5 (SQLite): default notification channels created on every
-- installation; operators edit the targets after deployment.

INSERT INTO notification_channels (name, channel_type, target, enabled) VALUES
    ('ops-default-email', 'email',   'cloud-ops@example.com', 1),
    ('noc-webhook',       'webhook', 'https://noc.example.com/hooks/accentos?source=monitor;format=json', 0),
    ('on-call-sms',       'sms',     '+10000000000', 0);
