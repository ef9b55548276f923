// The same module read on MariaDB 10.11 and as MySQL 8 reports it
// normalizes to the same objects.
#include "core/schema/normalized_shape.h"

#include "gtest/gtest.h"

namespace aos::schema {
namespace {

ConstraintShape Constraint(const char* name, const char* kind, std::vector<std::string> columns,
                           const char* def) {
  return {name, kind, std::move(columns), def};
}

SchemaShape Mariadb1011() {
  SchemaShape s;
  s.server_version = "10.11.6-MariaDB";
  TableShape& t = s.tables["child"];
  t.collation = "utf8mb4_general_ci";
  t.columns["id"] = {"int(11)", false, true, "", "auto_increment", ""};
  t.columns["name"] = {"varchar(32)", false, true, "'x'", "", "utf8mb3"};
  t.columns["note"] = {"text", true, true, "NULL", "", "utf8mb4"};
  t.columns["at"] = {
      "timestamp", false, true, "current_timestamp()", "on update current_timestamp()", ""};
  t.columns["doc"] = {"longtext", true, true, "NULL", "", "utf8mb4"};
  t.columns["parent_id"] = {"int(11)", true, false, "", "", ""};
  t.constraints["index PRIMARY"] =
      Constraint("PRIMARY", "primary key", {"id"}, "primary key BTREE (id)");
  t.constraints["index fk_parent"] =
      Constraint("fk_parent", "index", {"parent_id"}, "index BTREE (parent_id)");
  t.constraints["constraint fk_parent"] =
      Constraint("fk_parent", "foreign key", {"parent_id"},
                 "parent_id -> parent.id ON UPDATE RESTRICT ON DELETE RESTRICT");
  t.constraints["constraint doc"] = Constraint("doc", "check", {"doc"}, "json_valid(`doc`)");
  return s;
}

SchemaShape Mysql8() {
  SchemaShape s;
  s.server_version = "8.0.36";
  TableShape& t = s.tables["child"];
  t.collation = "utf8mb4_general_ci";
  t.columns["id"] = {"int", false, true, "", "auto_increment", ""};
  t.columns["name"] = {"varchar(32)", false, true, "x", "", "utf8mb3"};
  t.columns["note"] = {"text", true, false, "", "", "utf8mb4"};
  t.columns["at"] = {"timestamp",
                     false,
                     true,
                     "CURRENT_TIMESTAMP",
                     "DEFAULT_GENERATED on update CURRENT_TIMESTAMP",
                     ""};
  t.columns["doc"] = {"json", true, false, "", "", ""};
  t.columns["parent_id"] = {"int", true, false, "", "", ""};
  t.constraints["index PRIMARY"] =
      Constraint("PRIMARY", "primary key", {"id"}, "primary key BTREE (id)");
  t.constraints["constraint fk_parent"] =
      Constraint("fk_parent", "foreign key", {"parent_id"},
                 "parent_id -> parent.id ON UPDATE NO ACTION ON DELETE NO ACTION");
  return s;
}

TEST(NormalizedShapeTest, MariadbAndMysql8MeanTheSame) {
  SchemaObjects mariadb = NormalizeShape(Mariadb1011(), "mysql");
  SchemaObjects mysql = NormalizeShape(Mysql8(), "mysql");
  EXPECT_EQ(FormatSchemaObjects(mariadb), FormatSchemaObjects(mysql));
  EXPECT_EQ(mariadb["column child.id"], "int not null auto_increment");
  EXPECT_EQ(mariadb["column child.name"], "varchar(32) character set utf8 not null default 'x'");
  EXPECT_EQ(mariadb["column child.note"], "text");
  EXPECT_EQ(mariadb["column child.at"],
            "timestamp not null default current_timestamp on update current_timestamp");
  EXPECT_EQ(mariadb["column child.doc"], "json");
  EXPECT_EQ(mariadb["index child.PRIMARY"], "primary key btree (id)");
  EXPECT_EQ(mariadb.count("index child.fk_parent"), 0u);
}

TEST(NormalizedShapeTest, PostgresqlPrimaryKeyIsPrimary) {
  SchemaShape s;
  s.schema_name = "public";
  TableShape& t = s.tables["t"];
  t.columns["id"] = {"integer", false, true, "nextval('t_id_seq'::regclass)", "", ""};
  t.constraints["index t_pkey"] = Constraint(
      "t_pkey", "primary key", {"id"}, "CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)");
  t.triggers["r"] =
      "CREATE TRIGGER r BEFORE INSERT ON public.t FOR EACH ROW EXECUTE "
      "FUNCTION public.f()";
  s.others["sequence t_id_seq"] = "";
  SchemaObjects o = NormalizeShape(s, "postgresql");
  EXPECT_EQ(o["index t.PRIMARY"], "primary key btree (id)");
  EXPECT_EQ(o["column t.id"], "integer not null default nextval('t_id_seq'::regclass)");
  EXPECT_EQ(o["trigger t.r"], "BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()");
  EXPECT_EQ(o["sequence t_id_seq"], "sequence");
  EXPECT_EQ(o["table t"], "table");
}

TEST(NormalizedShapeTest, SqliteKeyAndUniqueIndexesByColumns) {
  SchemaShape s;
  TableShape& t = s.tables["t"];
  t.columns["id"] = {"integer", false, true, "", "", ""};
  t.columns["code"] = {"VARCHAR( 8 )", true, false, "", "", ""};
  t.primary_key = {"id"};
  t.constraints["index sqlite_autoindex_t_1"] =
      Constraint("sqlite_autoindex_t_1", "unique index", {"code"}, "unique index (code)");
  SchemaObjects o = NormalizeShape(s, "sqlite");
  EXPECT_EQ(o["index t.PRIMARY"], "primary key (id)");
  EXPECT_EQ(o["index t.unique(code)"], "unique index (code)");
  EXPECT_EQ(o["column t.code"], "varchar(8)");
  EXPECT_EQ(o["column t.id"], "integer not null");
}

}  // namespace
}  // namespace aos::schema
