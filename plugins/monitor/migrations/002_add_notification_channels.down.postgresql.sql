-- monitor v2 down (PostgreSQL): drop the link table, then the channels.

DROP TABLE alarm_notifications;
DROP TABLE notification_channels;
