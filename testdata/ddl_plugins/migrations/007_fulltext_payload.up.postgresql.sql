CREATE INDEX ft_events_payload ON events (payload);
