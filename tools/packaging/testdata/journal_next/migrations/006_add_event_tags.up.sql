-- journal v6 (test release only: tools/packaging's package upgrade test):
-- free-form tags on events.

CREATE TABLE event_tags (
    event_id BIGINT UNSIGNED NOT NULL,
    tag      VARCHAR(64)     NOT NULL,
    PRIMARY KEY (event_id, tag),
    KEY idx_event_tags_tag (tag)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
