#!/usr/bin/python3
"""Builds what the other tools need to run the same migrations as
aos-db-migrate, from its own `--dry-run -f json` output taken on empty
databases (so every tool runs exactly the statements our splitter yields):

  OUT/sql/<module>.sql      the module's whole script for the `mariadb`
                            client (DELIMITER changed once, so trigger
                            bodies pass as they are)
  OUT/migrate/<module>/     a sqlalchemy-migrate repository, repository_id =
                            module id (the two tools share the migrate_version
                            row); version N runs the SQL of migration N as a
                            SQL script (NNN_description_mysql_upgrade.sql)
  OUT/alembic/<module>/     an Alembic environment, one revision per
                            migration, running the same statements

Usage: make_competitors.py DRY_RUN.json OUT_DIR URL_TEMPLATE [--alembic]
URL_TEMPLATE has {db} for the database name (aos_<module>).
"""
import json
import os
import re
import sys

import sqlparse

DELIMITER = "$$$$"


def slug(text):
    s = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return s or "step"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def client_script(steps):
    out = ["DELIMITER " + DELIMITER]
    for step in steps:
        for statement in step["statements"]:
            if DELIMITER in statement:
                raise SystemExit("statement contains the delimiter")
            out.append(statement + "\n" + DELIMITER)
    return "\n".join(out) + "\n"


def migrate_repository(out, module, steps):
    write(os.path.join(out, "migrate.cfg"),
          "[db_settings]\n"
          "repository_id=%s\n"
          "version_table=migrate_version\n"
          "required_dbs=[]\n"
          "use_timestamp_numbering=False\n" % module)
    write(os.path.join(out, "__init__.py"), "")
    write(os.path.join(out, "versions", "__init__.py"), "")
    for step in steps:
        # The DB-API (PyMySQL, format paramstyle) is handed the script with
        # an empty parameter tuple, so a literal % must be written %%, as
        # sqlalchemy-migrate users do; the server receives the same SQL.
        text = ";\n\n".join(s.replace("%", "%%")
                              for s in step["statements"]) + ";\n"
        # sqlalchemy-migrate splits with sqlparse: it must see the same
        # statements as our splitter did.
        cleaned = sqlparse.format(text, strip_comments=True, strip_whitespace=True)
        count = len([s for s in sqlparse.split(cleaned) if s])
        if count != len(step["statements"]):
            raise SystemExit("%s %d: sqlparse sees %d statements, not %d" % (
                module, step["version"], count, len(step["statements"])))
        name = "%03d_%s_mysql_upgrade.sql" % (step["version"],
                                              slug(step["description"]))
        write(os.path.join(out, "versions", name), text)


ALEMBIC_ENV = '''\
from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

engine = create_engine(context.config.get_main_option("sqlalchemy.url"),
                       poolclass=NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None,
                      transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
'''

ALEMBIC_REVISION = '''\
"""%(description)s"""
from alembic import op

revision = %(revision)r
down_revision = %(down_revision)r
branch_labels = None
depends_on = None

STATEMENTS = %(statements)r


def upgrade():
    bind = op.get_bind()
    for statement in STATEMENTS:
        bind.exec_driver_sql(statement)


def downgrade():
    raise NotImplementedError("not used by the benchmark")
'''


def alembic_env(out, module, steps, url):
    write(os.path.join(out, "alembic.ini"),
          "[alembic]\nscript_location = %s\nsqlalchemy.url = %s\n" % (out, url))
    write(os.path.join(out, "env.py"), ALEMBIC_ENV)
    previous = None
    for step in steps:
        revision = "%04d" % step["version"]
        write(os.path.join(out, "versions", "%s_%s.py" % (
            revision, slug(step["description"]))),
              ALEMBIC_REVISION % {
                  "description": step["description"],
                  "revision": revision,
                  "down_revision": previous,
                  # exec_driver_sql, format paramstyle: % written %%
                  "statements": [s.replace("%", "%%")
                                 for s in step["statements"]],
              })
        previous = revision


def main():
    dry_run, out, url_template = sys.argv[1:4]
    alembic = "--alembic" in sys.argv[4:]
    with open(dry_run) as f:
        modules = json.load(f)["modules"]
    for m in modules:
        module, steps = m["id"], m["steps"]
        if m["error"] or m["current"] != 0 or len(steps) != m["latest"]:
            raise SystemExit("%s: the dry run must be taken on an empty "
                             "database (%r)" % (module, m))
        url = url_template.format(db="aos_" + module)
        write(os.path.join(out, "sql", module + ".sql"), client_script(steps))
        migrate_repository(os.path.join(out, "migrate", module), module, steps)
        if alembic:
            alembic_env(os.path.join(out, "alembic", module), module, steps, url)
        print("%s: %d steps, %d statements" % (
            module, len(steps), sum(len(s["statements"]) for s in steps)))


if __name__ == "__main__":
    main()
