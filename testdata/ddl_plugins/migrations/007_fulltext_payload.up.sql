ALTER TABLE events ADD FULLTEXT INDEX ft_events_payload (payload);
