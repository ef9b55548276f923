-- Dashboard v7: widgets.config becomes settings_json and is widened to
-- MEDIUMTEXT (graph widgets embed long metric queries).

ALTER TABLE widgets
  CHANGE COLUMN config settings_json MEDIUMTEXT NULL DEFAULT NULL COMMENT 'widget settings as JSON';
