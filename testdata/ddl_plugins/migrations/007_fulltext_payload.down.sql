ALTER TABLE events DROP INDEX ft_events_payload;
