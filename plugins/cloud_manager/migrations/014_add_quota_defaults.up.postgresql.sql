-- Cloud manager v14 (PostgreSQL): catalog of quota resources with AccentOS
-- default limits applied to newly onboarded projects. Seeded with the
-- standard resources.

CREATE TABLE quota_defaults (
  resource VARCHAR(64) NOT NULL,
  default_limit BIGINT NOT NULL DEFAULT -1,
  unit VARCHAR(16) NOT NULL DEFAULT 'count',
  description VARCHAR(255) NULL,
  PRIMARY KEY (resource)
);

INSERT INTO quota_defaults (resource, default_limit, unit, description) VALUES
  ('instances', 10, 'count', 'Servers per project'),
  ('cores', 20, 'count', 'vCPUs; counts every flavor including burstable ones'),
  ('ram_mb', 51200, 'MiB', 'RAM across all servers'),
  ('volumes', 10, 'count', 'Cinder volumes'),
  ('gigabytes', 1000, 'GiB', 'Block storage; includes snapshots and backups'),
  ('floating_ips', 10, 'count', 'Public IPv4 addresses'),
  ('security_groups', 10, 'count', 'Neutron security groups'),
  ('key_pairs', 100, 'count', 'Key pairs (per user, following Nova''s counting)');
