-- monitor v3 (SQLite): an alarm can now have several threshold levels
-- (warning and critical). The single threshold stored on alarms is copied
-- into the new alarm_thresholds table as its 'critical' level, then dropped
-- from alarms.

CREATE TABLE alarm_thresholds (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    alarm_id            INTEGER NOT NULL,
    level               TEXT    NOT NULL CHECK (level IN ('warning','critical')),
    comparison_operator TEXT    NOT NULL CHECK (comparison_operator IN ('gt','ge','lt','le','eq','ne')),
    threshold_value     REAL    NOT NULL,
    evaluation_periods  INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT fk_alarm_thresholds_alarm FOREIGN KEY (alarm_id)
        REFERENCES alarms (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_alarm_thresholds_alarm_level ON alarm_thresholds (alarm_id, level);

-- Data migration: copy the existing thresholds before dropping the columns.
INSERT INTO alarm_thresholds (alarm_id, level, comparison_operator, threshold_value, evaluation_periods)
SELECT id, 'critical', comparison_operator, threshold, evaluation_periods
  FROM alarms;

ALTER TABLE alarms DROP COLUMN comparison_operator;
ALTER TABLE alarms DROP COLUMN threshold;
ALTER TABLE alarms DROP COLUMN evaluation_periods;
