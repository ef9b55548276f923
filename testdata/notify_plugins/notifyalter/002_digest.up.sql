-- A plain ALTER that copies the table, slowly row by row (a stored
-- column computed with SHA2 twelve times): MariaDB reports its progress.
ALTER TABLE na_rows
  ADD COLUMN digest CHAR(128) AS (SHA2(SHA2(SHA2(SHA2(SHA2(SHA2(SHA2(SHA2(SHA2(SHA2(SHA2(SHA2(
    payload, 512), 512), 512), 512), 512), 512), 512), 512), 512), 512), 512), 512)) STORED,
  ALGORITHM=COPY;
