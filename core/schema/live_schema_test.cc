// ReadLiveSchema against real servers (a throwaway MariaDB and PostgreSQL,
// an SQLite file): what each engine's catalog says, normalized; the tool's
// bookkeeping left out; and each kind of drift an operator makes by hand
// (a column added, an index dropped, a type and a default changed, a table
// added, a trigger dropped) shows as that object's difference and no other.
#include "core/schema/live_schema.h"

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/backend/open_database.h"
#include "core/config/connection_url.h"
#include "core/schema/schema_difference.h"
#include "gtest/gtest.h"
#include "tools/testing/command_runner.h"
#include "tools/testing/mariadb_server.h"
#include "tools/testing/postgresql_server.h"

namespace aos::schema {
namespace {

using Kind = SchemaDifference::Kind;

struct Engine {
  const char* dialect;
  std::vector<const char*> schema;                            // statements that make the module
  std::vector<std::pair<std::string, std::string>> expected;  // object, text
  std::vector<const char*> drift;                             // an operator's changes by hand
  std::vector<std::pair<std::string, Kind>> differences;      // what they show
};

testing::MariadbServer* mariadb = nullptr;
testing::PostgresqlServer* postgresql = nullptr;

absl::StatusOr<std::unique_ptr<backend::Database>> Open(const std::string& dialect) {
  std::string url;
  if (dialect == "mysql") {
    if (absl::Status st = mariadb->Start(); !st.ok()) return st;
    (void)mariadb->Execute("DROP DATABASE IF EXISTS live; CREATE DATABASE live");
    url = mariadb->Url("live");
  } else if (dialect == "postgresql") {
    if (absl::Status st = postgresql->Start(); !st.ok()) return st;
    (void)postgresql->Execute("DROP DATABASE IF EXISTS live");
    (void)postgresql->Execute("CREATE DATABASE live");
    url = postgresql->Url("live");
  } else {
    url = absl::StrCat("sqlite:///", testing::NewTempDir("live."), "/live.sqlite");
  }
  absl::StatusOr<config::ConnectionUrl> parsed = config::ParseConnectionUrl(url);
  if (!parsed.ok()) return parsed.status();
  return backend::OpenDatabase(*parsed, {});
}

absl::Status RunAll(backend::Database& db, const std::vector<const char*>& statements) {
  for (const char* sql : statements) {
    if (absl::Status st = db.Execute(sql); !st.ok()) {
      return absl::InternalError(absl::StrCat(sql, ": ", st.message()));
    }
  }
  return absl::OkStatus();
}

Engine Mariadb() {
  return {"mysql",
          {"CREATE TABLE parent (id INT(11) NOT NULL AUTO_INCREMENT PRIMARY KEY, "
           "name VARCHAR(32) NOT NULL DEFAULT 'abc', note TEXT NULL, doc JSON NULL, "
           "at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
           "legacy VARCHAR(8) CHARACTER SET utf8 NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
           "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NULL, CONSTRAINT "
           "fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id)) ENGINE=InnoDB",
           "CREATE INDEX idx_parent_name ON parent (name)",
           "CREATE TRIGGER trg_child BEFORE INSERT ON child FOR EACH ROW SET NEW.id = NEW.id",
           "CREATE TABLE migrate_version (repository_id VARCHAR(250) PRIMARY KEY, version INT)"},
          {{"table parent", "table"},
           {"column parent.id", "int not null auto_increment"},
           {"column parent.name", "varchar(32) not null default 'abc'"},
           {"column parent.note", "text"},
           {"column parent.doc", "json"},
           {"column parent.at",
            "timestamp not null default current_timestamp on update current_timestamp"},
           {"column parent.legacy", "varchar(8) character set utf8"},
           {"index parent.PRIMARY", "primary key btree (id)"},
           {"index parent.idx_parent_name", "index btree (name)"},
           {"foreign key child.fk_child_parent",
            "parent_id -> parent.id ON UPDATE RESTRICT ON DELETE RESTRICT"},
           {"trigger child.trg_child", "BEFORE INSERT SET NEW.id = NEW.id"}},
          {"ALTER TABLE parent ADD COLUMN extra INT", "DROP INDEX idx_parent_name ON parent",
           "ALTER TABLE parent MODIFY note MEDIUMTEXT NULL",
           "ALTER TABLE parent ALTER name SET DEFAULT 'xyz'", "CREATE TABLE added (id INT)",
           "DROP TRIGGER trg_child"},
          {{"column added.id", Kind::kExtra},
           {"column parent.extra", Kind::kExtra},
           {"column parent.name", Kind::kChanged},
           {"column parent.note", Kind::kChanged},
           {"index parent.idx_parent_name", Kind::kMissing},
           {"table added", Kind::kExtra},
           {"trigger child.trg_child", Kind::kMissing}}};
}

Engine Postgresql() {
  return {
      "postgresql",
      {"CREATE TABLE parent (id SERIAL PRIMARY KEY, name VARCHAR(32) NOT NULL DEFAULT "
       "'abc', at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
       "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT REFERENCES parent (id))",
       "CREATE INDEX idx_parent_name ON parent (name)",
       "CREATE FUNCTION trg_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; "
       "END $$",
       "CREATE TRIGGER trg_child BEFORE INSERT ON child FOR EACH ROW EXECUTE FUNCTION "
       "trg_fn()",
       "CREATE TABLE migrate_version (repository_id VARCHAR(250) PRIMARY KEY, version INT)"},
      {{"table parent", "table"},
       {"column parent.id", "integer not null default nextval('parent_id_seq'::regclass)"},
       {"column parent.name", "character varying(32) not null default 'abc'::character varying"},
       {"column parent.at", "timestamp without time zone not null default CURRENT_TIMESTAMP"},
       {"index parent.PRIMARY", "primary key btree (id)"},
       {"index parent.idx_parent_name", "index btree (name)"},
       {"foreign key child.child_parent_id_fkey", "FOREIGN KEY (parent_id) REFERENCES parent(id)"},
       {"trigger child.trg_child", "BEFORE INSERT ON child FOR EACH ROW EXECUTE FUNCTION trg_fn()"},
       {"sequence parent_id_seq", "sequence"}},
      {"ALTER TABLE parent ADD COLUMN extra INT", "DROP INDEX idx_parent_name",
       "ALTER TABLE parent ALTER COLUMN at TYPE TIMESTAMP WITH TIME ZONE",
       "ALTER TABLE parent ALTER COLUMN name SET DEFAULT 'xyz'", "CREATE TABLE added (id INT)",
       "DROP TRIGGER trg_child ON child"},
      {{"column added.id", Kind::kExtra},
       {"column parent.at", Kind::kChanged},
       {"column parent.extra", Kind::kExtra},
       {"column parent.name", Kind::kChanged},
       {"index parent.idx_parent_name", Kind::kMissing},
       {"table added", Kind::kExtra},
       {"trigger child.trg_child", Kind::kMissing}}};
}

Engine Sqlite() {
  return {"sqlite",
          {"CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR( 32 ) NOT NULL DEFAULT "
           "'abc', at TEXT DEFAULT CURRENT_TIMESTAMP)",
           "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent "
           "(id), code TEXT UNIQUE)",
           "CREATE INDEX idx_parent_name ON parent (name)",
           "CREATE TRIGGER trg_child BEFORE INSERT ON child BEGIN SELECT 1; END",
           "CREATE TABLE migrate_version (repository_id VARCHAR(250) PRIMARY KEY, version INT)"},
          {{"table parent", "table"},
           {"column parent.name", "varchar(32) not null default 'abc'"},
           {"column parent.at", "text default current_timestamp"},
           {"index parent.PRIMARY", "primary key (id)"},
           {"index child.unique(code)", "unique index (code)"},
           {"foreign key child.(parent_id) -> parent(id)",
            "(parent_id) -> parent(id) ON UPDATE NO ACTION ON DELETE NO ACTION"}},
          // SQLite changes a type or a default only by rebuilding the table.
          {"ALTER TABLE parent ADD COLUMN extra INT", "DROP INDEX idx_parent_name",
           "CREATE TABLE added (id INT)", "DROP TRIGGER trg_child"},
          {{"column added.id", Kind::kExtra},
           {"column parent.extra", Kind::kExtra},
           {"index parent.idx_parent_name", Kind::kMissing},
           {"table added", Kind::kExtra},
           {"trigger child.trg_child", Kind::kMissing}}};
}

class LiveSchemaTest : public ::testing::TestWithParam<Engine> {
 protected:
  static void SetUpTestSuite() {
    mariadb = new testing::MariadbServer();
    postgresql = new testing::PostgresqlServer();
  }
  static void TearDownTestSuite() {
    delete mariadb;
    delete postgresql;
  }
};

TEST_P(LiveSchemaTest, NormalizedAndEachDriftShowsAsItsObject) {
  const Engine& e = GetParam();
  absl::StatusOr<std::unique_ptr<backend::Database>> db = Open(e.dialect);
  ASSERT_TRUE(db.ok()) << db.status();
  absl::Status made = RunAll(**db, e.schema);
  ASSERT_TRUE(made.ok()) << made;
  absl::StatusOr<SchemaObjects> before = ReadLiveSchema(**db);
  ASSERT_TRUE(before.ok()) << before.status();
  for (const auto& [object, text] : e.expected) {
    auto it = before->find(object);
    ASSERT_NE(it, before->end()) << object << " in\n" << FormatSchemaObjects(*before);
    EXPECT_EQ(it->second, text) << object;
  }
  for (const auto& [object, text] : *before) {
    EXPECT_EQ(object.find("migrate_version"), std::string::npos) << object;
    EXPECT_NE(object, "index child.fk_child_parent");  // MySQL's own for the key
  }
  absl::StatusOr<SchemaObjects> again = ReadLiveSchema(**db);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *before);  // reading writes nothing
  absl::Status st = RunAll(**db, e.drift);
  ASSERT_TRUE(st.ok()) << st;
  absl::StatusOr<SchemaObjects> after = ReadLiveSchema(**db);
  ASSERT_TRUE(after.ok()) << after.status();
  std::vector<std::pair<std::string, Kind>> got;
  for (const SchemaDifference& d : CompareSchemas(*before, *after)) {
    got.emplace_back(d.object, d.kind);
  }
  EXPECT_EQ(got, e.differences) << FormatSchemaObjects(*after);
}

INSTANTIATE_TEST_SUITE_P(Engines, LiveSchemaTest,
                         ::testing::Values(Mariadb(), Postgresql(), Sqlite()),
                         [](const ::testing::TestParamInfo<Engine>& info) {
                           return std::string(info.param.dialect);
                         });

}  // namespace
}  // namespace aos::schema
