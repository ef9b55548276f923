-- Dashboard v8 rollback (PostgreSQL): drop the widget type catalog and the
-- foreign key (and its index).

ALTER TABLE widgets
  DROP CONSTRAINT fk_widgets_widget_type;

DROP INDEX idx_widgets_widget_type;

DROP TABLE widget_types;
