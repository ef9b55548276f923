-- monitor v2 (SQLite): notification channels (e-mail, webhook, ...) and the
-- many-to-many link saying which alarm notifies which channel.
-- notify_on is a MySQL SET: here TEXT holding the comma-separated members,
-- with a CHECK that nothing but allowed members and commas occurs.
-- Column comment (not supported by SQLite):
--   notification_channels.target: address, URL or phone number

CREATE TABLE notification_channels (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    channel_type TEXT    NOT NULL CHECK (channel_type IN ('email','webhook','slack','sms')),
    target       TEXT    NOT NULL,
    enabled      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX uq_notification_channels_name ON notification_channels (name);

CREATE TABLE alarm_notifications (
    alarm_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    notify_on  TEXT    NOT NULL DEFAULT 'alarm'
               CHECK (replace(replace(replace(replace(notify_on, 'insufficient_data', ''), 'alarm', ''), 'ok', ''), ',', '') = ''),
    created_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (alarm_id, channel_id),
    CONSTRAINT fk_alarm_notifications_alarm FOREIGN KEY (alarm_id)
        REFERENCES alarms (id) ON DELETE CASCADE,
    CONSTRAINT fk_alarm_notifications_channel FOREIGN KEY (channel_id)
        REFERENCES notification_channels (id) ON DELETE CASCADE
);

CREATE INDEX idx_alarm_notifications_channel ON alarm_notifications (channel_id);
