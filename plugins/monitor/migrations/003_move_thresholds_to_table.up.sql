-- monitor v3: an alarm can now have several threshold levels (warning and
-- critical). The single threshold stored on alarms is copied into the new
-- alarm_thresholds table as its 'critical' level, then dropped from alarms.

CREATE TABLE alarm_thresholds (
    id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    alarm_id            BIGINT UNSIGNED NOT NULL,
    level               ENUM('warning','critical') NOT NULL,
    comparison_operator ENUM('gt','ge','lt','le','eq','ne') NOT NULL,
    threshold_value     DOUBLE          NOT NULL,
    evaluation_periods  SMALLINT UNSIGNED NOT NULL DEFAULT 1,
    PRIMARY KEY (id),
    UNIQUE KEY uq_alarm_thresholds_alarm_level (alarm_id, level),
    CONSTRAINT fk_alarm_thresholds_alarm FOREIGN KEY (alarm_id)
        REFERENCES alarms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Data migration: copy the existing thresholds before dropping the columns.
INSERT INTO alarm_thresholds (alarm_id, level, comparison_operator, threshold_value, evaluation_periods)
SELECT id, 'critical', comparison_operator, threshold, evaluation_periods
  FROM alarms;

ALTER TABLE alarms
    DROP COLUMN comparison_operator,
    DROP COLUMN threshold,
    DROP COLUMN evaluation_periods;
