-- clouds v5 down (SQLite): rename identity_url back to auth_url.

ALTER TABLE clouds RENAME COLUMN identity_url TO auth_url;
