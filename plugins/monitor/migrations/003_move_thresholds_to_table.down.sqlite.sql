-- monitor v3 down (SQLite): put the threshold columns back on alarms at their
-- original position, copy the critical level back, drop alarm_thresholds.
-- Warning levels have no place in the old schema and are lost.
--
-- comparison_operator and threshold are NOT NULL without a default, which
-- SQLite's ALTER TABLE ADD COLUMN does not allow, so alarms is rebuilt with
-- its exact v2 definition. MySQL fills rows that have no critical threshold
-- with the implicit defaults ('gt', the first ENUM value, and 0); the copy
-- below does the same. updated_at is kept as is (MySQL: a.updated_at =
-- a.updated_at). The AUTOINCREMENT counter is carried over.
-- alarm_history and alarm_notifications reference alarms with ON DELETE
-- CASCADE, and with foreign keys on, DROP TABLE alarms deletes its rows first
-- (firing the cascade even with defer_foreign_keys), so their rows are copied
-- aside and put back after the rebuild. alarm_thresholds is dropped first
-- (the down step removes it anyway).

CREATE TEMP TABLE _rebuild_alarms AS
SELECT a.id, a.uuid, a.metric_id, a.name, a.description, a.state, a.severity,
       COALESCE(t.comparison_operator, 'gt') AS comparison_operator,
       COALESCE(t.threshold_value, 0) AS threshold,
       COALESCE(t.evaluation_periods, 1) AS evaluation_periods,
       a.enabled, a.state_changed_at, a.created_at, a.updated_at
  FROM alarms a
  LEFT JOIN alarm_thresholds t ON t.alarm_id = a.id AND t.level = 'critical';
CREATE TEMP TABLE _rebuild_alarms_seq AS
SELECT name, seq FROM sqlite_sequence WHERE name = 'alarms';
CREATE TEMP TABLE _rebuild_alarm_history AS SELECT * FROM alarm_history;
CREATE TEMP TABLE _rebuild_alarm_notifications AS SELECT * FROM alarm_notifications;

DROP TABLE alarm_thresholds;

DROP TABLE alarms;

CREATE TABLE alarms (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid                TEXT    NOT NULL,
    metric_id           INTEGER NOT NULL,
    name                TEXT    NOT NULL,
    description         TEXT,
    state               TEXT    NOT NULL DEFAULT 'insufficient_data' CHECK (state IN ('insufficient_data','ok','alarm')),
    severity            TEXT    NOT NULL DEFAULT 'low' CHECK (severity IN ('low','moderate','critical')),
    comparison_operator TEXT    NOT NULL CHECK (comparison_operator IN ('gt','ge','lt','le','eq','ne')),
    threshold           REAL    NOT NULL,
    evaluation_periods  INTEGER NOT NULL DEFAULT 1,
    enabled             INTEGER NOT NULL DEFAULT 1,
    state_changed_at    TEXT,
    created_at          TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at          TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_alarms_metric FOREIGN KEY (metric_id)
        REFERENCES metrics (id) ON DELETE CASCADE
);

INSERT INTO alarms (id, uuid, metric_id, name, description, state, severity,
                    comparison_operator, threshold, evaluation_periods,
                    enabled, state_changed_at, created_at, updated_at)
SELECT id, uuid, metric_id, name, description, state, severity,
       comparison_operator, threshold, evaluation_periods,
       enabled, state_changed_at, created_at, updated_at
  FROM temp._rebuild_alarms;

DELETE FROM sqlite_sequence
 WHERE name = 'alarms' AND EXISTS (SELECT 1 FROM temp._rebuild_alarms_seq);
INSERT INTO sqlite_sequence (name, seq) SELECT name, seq FROM temp._rebuild_alarms_seq;

CREATE UNIQUE INDEX uq_alarms_uuid ON alarms (uuid);
CREATE INDEX idx_alarms_metric ON alarms (metric_id);

CREATE TRIGGER trg_alarms_updated_at_on_update AFTER UPDATE ON alarms
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE alarms SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

INSERT INTO alarm_history (id, alarm_id, previous_state, new_state, reason, changed_at)
SELECT id, alarm_id, previous_state, new_state, reason, changed_at
  FROM temp._rebuild_alarm_history;

INSERT INTO alarm_notifications (alarm_id, channel_id, notify_on, created_at)
SELECT alarm_id, channel_id, notify_on, created_at
  FROM temp._rebuild_alarm_notifications;

DROP TABLE temp._rebuild_alarms;
DROP TABLE temp._rebuild_alarms_seq;
DROP TABLE temp._rebuild_alarm_history;
DROP TABLE temp._rebuild_alarm_notifications;
