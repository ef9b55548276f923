#include "core/sql/table_rebuild.h"

#include "core/sql/table_definition.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::sql {
namespace {

using Kind = DataDependency::Kind;
using ::testing::ElementsAre;

std::vector<TableDefinition> Created(absl::string_view create) {
  std::optional<TableDefinition> def = ReadTableDefinition(create);
  EXPECT_TRUE(def.has_value()) << create;
  if (!def) return {};
  return {*def};
}

ColumnFacts Fact(std::string name, std::string type, bool nullable = true) {
  ColumnFacts c;
  c.name = std::move(name);
  c.data_type = std::move(type);
  c.nullable = nullable;
  return c;
}

TEST(TableDefinitionTest, ReadsColumnsAndConstraints) {
  std::optional<TableDefinition> def = ReadTableDefinition(
      "CREATE TABLE IF NOT EXISTS t_new (id INTEGER PRIMARY KEY, "
      "v VARCHAR(10) NOT NULL COLLATE NOCASE UNIQUE, qty INT DEFAULT 0 "
      "CHECK (qty >= 0), p INT REFERENCES p (id) ON DELETE SET NULL, "
      "d INT REFERENCES q DEFERRABLE INITIALLY DEFERRED, "
      "lazy TEXT UNIQUE ON CONFLICT IGNORE, g INT AS (qty + 1), "
      "CONSTRAINT pair UNIQUE (qty, p), CHECK (p <> qty), "
      "FOREIGN KEY (qty) REFERENCES p (n)) STRICT");
  ASSERT_TRUE(def.has_value());
  EXPECT_EQ(def->name.name, "t_new");
  EXPECT_TRUE(def->strict);
  ASSERT_EQ(def->columns.size(), 7u);
  EXPECT_EQ(def->columns[1].type, "VARCHAR");
  EXPECT_TRUE(def->columns[1].not_null);
  EXPECT_EQ(def->columns[1].collation, "NOCASE");
  EXPECT_TRUE(def->columns[2].has_default);
  EXPECT_TRUE(def->columns[6].generated);
  EXPECT_THAT(def->primary_key, ElementsAre("id"));
  std::vector<std::string> what;
  for (const DataDependency& d : def->constraints) what.push_back(d.what);
  EXPECT_THAT(
      what,
      ElementsAre("PRIMARY KEY (id)", "UNIQUE (v)", "CHECK (qty >= 0)",
                  "FOREIGN KEY (p) REFERENCES p (id)", "UNIQUE (qty, p)",
                  "CHECK (p <> qty)", "FOREIGN KEY (qty) REFERENCES p (n)",
                  "v NOT NULL", "id INTEGER (STRICT)", "qty INT (STRICT)",
                  "p INT (STRICT)", "d INT (STRICT)", "lazy TEXT (STRICT)"));
  // The column's collation is the unique key's.
  EXPECT_EQ(def->constraints[1].parts[0].expression, "v COLLATE NOCASE");
  EXPECT_TRUE(def->constraints[0].nulls_distinct);  // a rowid table's key
  EXPECT_FALSE(ReadTableDefinition("CREATE TABLE t AS SELECT * FROM s"));
  EXPECT_FALSE(ReadTableDefinition("CREATE INDEX i ON t (a)"));
  def = ReadTableDefinition(
      "CREATE TABLE k (a TEXT, b TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID");
  ASSERT_TRUE(def.has_value());
  EXPECT_EQ(def->constraints.size(), 3u);  // the key, a and b NOT NULL
}

TEST(TableRebuildTest, ReadsTheCopyIntoATableTheStepCreated) {
  const std::vector<TableDefinition> created = Created(
      "CREATE TABLE t_new (id INTEGER PRIMARY KEY, v TEXT NOT NULL, "
      "qty INT CHECK (qty >= 0), secret TEXT)");
  std::vector<DataDependency> d = RebuildDependencies(
      "INSERT INTO t_new (id, v, qty, secret) SELECT id, v, qty, secret "
      "FROM t;",
      created);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].what, "PRIMARY KEY (id) in t_new");
  EXPECT_EQ(d[1].kind, Kind::kCheck);
  EXPECT_EQ(d[2].kind, Kind::kNotNull);
  EXPECT_EQ(d[2].table.name, "t");  // asked of t's rows
  EXPECT_EQ(d[2].into.name, "t_new");
  EXPECT_EQ(d[2].what, "v NOT NULL in t_new");
  // SELECT *: t's columns by position.
  d = RebuildDependencies("INSERT INTO t_new SELECT * FROM main.t", created);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_TRUE(d[0].from_columns.empty());
  EXPECT_EQ(d[0].table.schema, "main");
  // Not a table the step created, or not a plain copy.
  EXPECT_TRUE(RebuildDependencies("INSERT INTO other SELECT * FROM t", created)
                  .empty());
  for (const char* not_plain :
       {"INSERT INTO t_new SELECT * FROM t WHERE v IS NOT NULL",
        "INSERT INTO t_new SELECT DISTINCT * FROM t",
        "INSERT INTO t_new SELECT * FROM t JOIN u ON u.id = t.id",
        "INSERT INTO t_new VALUES (1, 'a', 1, 's')"}) {
    EXPECT_TRUE(RebuildDependencies(not_plain, created).empty()) << not_plain;
  }
  // OR IGNORE lets the rows through: nothing asked.
  EXPECT_TRUE(RebuildDependencies("INSERT OR IGNORE INTO t_new SELECT * FROM t",
                                  created)
                  .empty());
}

TEST(TableRebuildTest, AColumnLeftOutIsNotAskedOrMustBeEmpty) {
  const std::vector<TableDefinition> created = Created(
      "CREATE TABLE t_new (id INTEGER PRIMARY KEY, v TEXT, "
      "flag INT NOT NULL CHECK (flag IN (0, 1)), "
      "kind TEXT NOT NULL DEFAULT 'a')");
  std::vector<DataDependency> d = RebuildDependencies(
      "INSERT INTO t_new (id, v) SELECT id, v FROM t", created);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].what, "PRIMARY KEY (id) in t_new");
  EXPECT_EQ(d[1].kind, Kind::kEmpty);  // flag gets no value
  EXPECT_THAT(d[1].columns, ElementsAre("flag"));
}

TEST(TableRebuildTest, MapsOntoTheSourceColumns) {
  const std::vector<TableDefinition> created = Created(
      "CREATE TABLE t_new (id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE "
      "UNIQUE, n INTEGER NOT NULL CHECK (n > 0 AND length(name) < 9), "
      "parent INTEGER REFERENCES t_new (id))");
  std::vector<DataDependency> d = RebuildDependencies(
      "INSERT INTO t_new (id, name, n, parent) SELECT o.id, label AS l, "
      "abs(n), up FROM t AS o ORDER BY id",
      created);
  const std::vector<ColumnFacts> source = {
      Fact("id", "integer"), Fact("label", "text"), Fact("n", "integer"),
      Fact("up", "int")};
  std::vector<std::string> asked, skipped;
  for (const DataDependency& dep : d) {
    std::string why;
    std::optional<DataDependency> on =
        OnSourceRows(dep, source, "sqlite", &why);
    if (!on) {
      skipped.push_back(dep.what);
      continue;
    }
    EXPECT_TRUE(on->into.name.empty());
    if (on->kind == Kind::kUnique && on->parts[0].column == "label") {
      EXPECT_EQ(on->parts[0].expression, "\"label\" COLLATE NOCASE");
    }
    if (on->kind == Kind::kForeignKey) {
      EXPECT_TRUE(on->self_reference);
      EXPECT_EQ(on->parent.name, "t");
      EXPECT_THAT(on->columns, ElementsAre("up"));
      EXPECT_THAT(on->parent_columns, ElementsAre("id"));
    }
    asked.push_back(on->what);
  }
  EXPECT_THAT(asked,
              ElementsAre("PRIMARY KEY (id) in t_new", "UNIQUE (name) in t_new",
                          "FOREIGN KEY (parent) REFERENCES t_new (id) "
                          "in t_new"));
  // n is copied from an expression: its CHECK and NOT NULL are not asked.
  EXPECT_THAT(skipped,
              ElementsAre("CHECK (n > 0 AND length(name) < 9) in t_new",
                          "n NOT NULL in t_new"));
}

TEST(TableRebuildTest, AChangedTypeAffinityIsNotCompared) {
  const std::vector<TableDefinition> created = Created(
      "CREATE TABLE t_new (id INTEGER PRIMARY KEY, code INTEGER "
      "UNIQUE NOT NULL)");
  std::vector<DataDependency> d =
      RebuildDependencies("INSERT INTO t_new SELECT * FROM t", created);
  ASSERT_EQ(d.size(), 3u);  // the key, UNIQUE (code), code NOT NULL
  const std::vector<ColumnFacts> source = {Fact("id", "integer"),
                                           Fact("code", "varchar(8)")};
  std::string why;
  EXPECT_TRUE(OnSourceRows(d[0], source, "sqlite", &why));
  ASSERT_EQ(d[1].kind, Kind::kUnique);
  EXPECT_FALSE(OnSourceRows(d[1], source, "sqlite", &why));
  EXPECT_THAT(why, ::testing::HasSubstr("code is not a plain copy"));
  // NOT NULL holds whatever the affinity.
  const DataDependency& not_null = d[2];
  ASSERT_EQ(not_null.kind, Kind::kNotNull);
  std::optional<DataDependency> on =
      OnSourceRows(not_null, source, "sqlite", &why);
  ASSERT_TRUE(on.has_value());
  EXPECT_THAT(on->columns, ElementsAre("code"));
  // SELECT * over a table of another width does not line up.
  EXPECT_FALSE(OnSourceRows(not_null, {Fact("id", "integer")}, "sqlite", &why));
}

TEST(TableRebuildTest, ReadsAliasesAndTheCopyAside) {
  const std::vector<TableDefinition> created =
      Created("CREATE TABLE t_new (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  // An alias without AS; a WHERE is no alias.
  EXPECT_EQ(RebuildDependencies("INSERT INTO t_new SELECT o.id, o.v FROM t o",
                                created)
                .size(),
            2u);
  EXPECT_TRUE(RebuildDependencies(
                  "INSERT INTO t_new SELECT id, v FROM t WHERE v > ''", created)
                  .empty());
  std::optional<TableCopy> copy =
      ReadTableCopy("CREATE TEMP TABLE _rebuild_t AS SELECT * FROM main.t;");
  ASSERT_TRUE(copy.has_value());
  EXPECT_EQ(copy->table.name, "_rebuild_t");
  EXPECT_EQ(copy->source.schema, "main");
  EXPECT_EQ(copy->source.name, "t");
  EXPECT_FALSE(ReadTableCopy(
      "CREATE TEMP TABLE s AS SELECT name, seq FROM sqlite_sequence"));
  EXPECT_FALSE(ReadTableCopy("CREATE TABLE s AS SELECT * FROM t WHERE 1"));
  EXPECT_EQ(CreatedTable("CREATE TEMPORARY TABLE IF NOT EXISTS s (a)")->name,
            "s");
  EXPECT_FALSE(CreatedTable("CREATE INDEX i ON t (a)"));
  // Unbalanced: read as nothing, and the reading ends.
  EXPECT_TRUE(
      RebuildDependencies("INSERT INTO t_new SELECT (id, v FROM t", created)
          .empty());
  EXPECT_FALSE(ReadTableDefinition("CREATE TABLE x (a CHECK (a > 0"));
}

TEST(TableRebuildTest, StrictTypeConditions) {
  EXPECT_EQ(StrictTypeCondition("TEXT", "\"c\""), "typeof(\"c\") = 'blob'");
  EXPECT_THAT(StrictTypeCondition("INTEGER", "c"),
              ::testing::HasSubstr("CAST(c AS NUMERIC) = c"));
  EXPECT_EQ(StrictTypeCondition("ANY", "c"), "");
}

}  // namespace
}  // namespace aos::sql
