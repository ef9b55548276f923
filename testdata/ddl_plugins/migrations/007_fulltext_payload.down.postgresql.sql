DROP INDEX ft_events_payload;
