-- Dashboard v8 rollback: drop the widget type catalog and the foreign key.

ALTER TABLE widgets
  DROP FOREIGN KEY fk_widgets_widget_type,
  DROP KEY idx_widgets_widget_type;

DROP TABLE widget_types;
