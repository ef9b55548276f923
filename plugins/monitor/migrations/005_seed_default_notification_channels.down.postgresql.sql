-- monitor v5 down (PostgreSQL): remove the seeded channels (alarm links to
-- them go by ON DELETE CASCADE).

DELETE FROM notification_channels
 WHERE name IN ('ops-default-email', 'noc-webhook', 'on-call-sms');
