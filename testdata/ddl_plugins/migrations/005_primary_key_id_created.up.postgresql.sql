ALTER TABLE events DROP CONSTRAINT events_pkey, ADD PRIMARY KEY (id, created);
