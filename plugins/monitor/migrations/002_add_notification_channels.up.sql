-- monitor v2: notification channels (e-mail, webhook, ...) and the
-- many-to-many link saying which alarm notifies which channel.

CREATE TABLE notification_channels (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    name         VARCHAR(255)    NOT NULL,
    channel_type ENUM('email','webhook','slack','sms') NOT NULL,
    target       VARCHAR(1024)   NOT NULL COMMENT 'address, URL or phone number',
    enabled      TINYINT(1)      NOT NULL DEFAULT 1,
    created_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_notification_channels_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE alarm_notifications (
    alarm_id   BIGINT UNSIGNED NOT NULL,
    channel_id BIGINT UNSIGNED NOT NULL,
    notify_on  SET('alarm','ok','insufficient_data') NOT NULL DEFAULT 'alarm',
    created_at DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (alarm_id, channel_id),
    KEY idx_alarm_notifications_channel (channel_id),
    CONSTRAINT fk_alarm_notifications_alarm FOREIGN KEY (alarm_id)
        REFERENCES alarms (id) ON DELETE CASCADE,
    CONSTRAINT fk_alarm_notifications_channel FOREIGN KEY (channel_id)
        REFERENCES notification_channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
