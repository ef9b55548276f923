// The DML gate's reader (batchable_dml.h): what chunks, in many spellings,
// and what does not, with its reason.
#include "core/sql/batchable_dml.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "core/sql/mysql_tokenizer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::sql {
namespace {

using ::testing::HasSubstr;
using Form = BatchableDml::Form;

BatchableDml Read(const std::string& s) {
  std::optional<BatchableDml> d = ReadBatchableDml(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(BatchableDml{});
}

// The reason `s` does not chunk ("" when it does).
std::string WhyNot(const std::string& s) { return Read(s).why_not; }

// A one-column integer key as the MySQL catalog reader gives it.
RangeKey IntegerKey(const std::string& name) {
  return RangeKey{{KeyColumn{name, "int(11)", QuoteIdentifier(name), QuoteIdentifier(name),
                             "CAST(? AS SIGNED)", false}}};
}

// The chunk's text with its values after it, " | 0, 100".
std::string Chunk(const BatchableDml& d, const std::string& key, int64_t after, int64_t upto) {
  KeySql c = ChunkStatement(d, IntegerKey(key), KeyValue{absl::StrCat(after)},
                            KeyValue{absl::StrCat(upto)});
  return absl::StrCat(c.text, " | ", absl::StrJoin(c.values, ", "));
}

TEST(BatchableDmlTest, AWholeTableUpdateChunksOverItsKey) {
  BatchableDml d = Read("UPDATE events SET v = v + 1");
  EXPECT_EQ(d.form, Form::kUpdate);
  EXPECT_EQ(d.why_not, "");
  EXPECT_EQ(d.written.name, "events");
  EXPECT_EQ(d.ranged.name, "events");
  EXPECT_THAT(d.assigned, ::testing::ElementsAre("v"));
  EXPECT_EQ(Chunk(d, "id", 0, 100),
            "UPDATE events SET v = v + 1 WHERE `events`.`id` > CAST(? AS SIGNED) AND "
            "`events`.`id` <= CAST(? AS SIGNED) | 0, 100");
}

TEST(BatchableDmlTest, ItsOwnConditionIsKeptInParentheses) {
  BatchableDml d = Read(
      "UPDATE `events` AS e SET e.kind = 'x', v = 2 WHERE a = 1 OR b = 2 "
      "-- trailing note");
  EXPECT_EQ(d.why_not, "");
  EXPECT_EQ(d.qualifier, "`e`");
  EXPECT_THAT(d.assigned, ::testing::ElementsAre("kind", "v"));
  EXPECT_EQ(Chunk(d, "id", 5, 9),
            "UPDATE `events` AS e SET e.kind = 'x', v = 2 WHERE (a = 1 OR b = "
            "2) AND `e`.`id` > CAST(? AS SIGNED) AND `e`.`id` <= CAST(? AS SIGNED) | 5, 9");
}

// A composite key (INT, VARCHAR) as the MySQL reader gives it: the string
// travels in hex and is compared in its column's own collation.
RangeKey ProjectKey() {
  return RangeKey{{KeyColumn{"project_id", "int(11)", "`project_id`", "`project_id`",
                             "CAST(? AS SIGNED)", false},
                   KeyColumn{"id", "varchar(36) latin1_bin", "`id`", "HEX(`id`)",
                             "CONVERT(UNHEX(?) USING latin1) COLLATE latin1_bin", true}}};
}

TEST(BatchableDmlTest, ACompositeKeyRangesInTupleOrder) {
  BatchableDml d = Read("UPDATE tasks AS t SET v = v + 1 WHERE done = 0");
  ASSERT_EQ(d.why_not, "");
  KeySql c = ChunkStatement(d, ProjectKey(), KeyValue{"7", "6B31"}, KeyValue{"9", "6B35"});
  const std::string id = "CONVERT(UNHEX(?) USING latin1) COLLATE latin1_bin";
  EXPECT_EQ(c.text, absl::StrCat("UPDATE tasks AS t SET v = v + 1 WHERE (done = 0) AND "
                                 "(`t`.`project_id` > CAST(? AS SIGNED) OR (`t`.`project_id` = "
                                 "CAST(? AS SIGNED) AND `t`.`id` > ",
                                 id,
                                 ")) AND (`t`.`project_id` < CAST(? AS SIGNED) OR "
                                 "(`t`.`project_id` = CAST(? AS SIGNED) AND `t`.`id` <= ",
                                 id, "))"));
  EXPECT_THAT(c.values, ::testing::ElementsAre("7", "7", "6B31", "9", "9", "6B35"));
}

TEST(BatchableDmlTest, TheFirstChunkHasNoLowerBound) {
  BatchableDml d = Read("DELETE FROM tasks");
  KeySql c = ChunkStatement(d, ProjectKey(), std::nullopt, KeyValue{"9", "6B35"});
  EXPECT_EQ(c.text,
            "DELETE FROM tasks WHERE (`tasks`.`project_id` < CAST(? AS SIGNED) OR "
            "(`tasks`.`project_id` = CAST(? AS SIGNED) AND `tasks`.`id` <= CONVERT(UNHEX(?) "
            "USING latin1) COLLATE latin1_bin))");
  EXPECT_THAT(c.values, ::testing::ElementsAre("9", "9", "6B35"));
}

TEST(BatchableDmlTest, CommentsAndModifiersAreRead) {
  EXPECT_EQ(WhyNot("/* lead */ UPDATE LOW_PRIORITY IGNORE app.t /* c */ SET "
                   "v = 1 # x\n WHERE v IS NULL"),
            "");
  EXPECT_EQ(WhyNot("DELETE QUICK FROM t WHERE created < NOW() - INTERVAL 30 "
                   "DAY"),
            "");
  BatchableDml d = Read("DELETE FROM app.t");
  EXPECT_EQ(d.form, Form::kDelete);
  EXPECT_EQ(Chunk(d, "id", 1, 2),
            "DELETE FROM app.t WHERE `app`.`t`.`id` > CAST(? AS SIGNED) AND `app`.`t`.`id` "
            "<= CAST(? AS SIGNED) | 1, 2");
}

TEST(BatchableDmlTest, InsertSelectRangesOverItsSource) {
  BatchableDml d = Read(
      "INSERT INTO archive (id, v) SELECT id, UPPER(v) FROM events AS s WHERE "
      "s.v <> ''");
  EXPECT_EQ(d.form, Form::kInsertSelect);
  EXPECT_EQ(d.why_not, "");
  EXPECT_EQ(d.written.name, "archive");
  EXPECT_EQ(d.ranged.name, "events");
  EXPECT_EQ(Chunk(d, "id", 0, 10),
            "INSERT INTO archive (id, v) SELECT id, UPPER(v) FROM events AS s "
            "WHERE (s.v <> '') AND `s`.`id` > CAST(? AS SIGNED) AND `s`.`id` <= CAST(? AS "
            "SIGNED) | 0, 10");
  EXPECT_EQ(WhyNot("INSERT IGNORE archive SELECT * FROM events"), "");
}

TEST(BatchableDmlTest, OtherStatementsAreNotGated) {
  EXPECT_FALSE(ReadBatchableDml("INSERT INTO t VALUES (1), (2)"));
  EXPECT_FALSE(ReadBatchableDml("INSERT INTO t (a) VALUES (1)"));
  EXPECT_FALSE(ReadBatchableDml("INSERT INTO t SET a = 1"));
  EXPECT_FALSE(ReadBatchableDml("REPLACE INTO t SELECT * FROM u"));
  EXPECT_FALSE(ReadBatchableDml("SELECT * FROM t"));
  EXPECT_FALSE(ReadBatchableDml("ALTER TABLE t ADD c INT"));
}

TEST(BatchableDmlTest, LimitAndOrderAreRefused) {
  EXPECT_THAT(WhyNot("UPDATE t SET v = 1 ORDER BY id LIMIT 10"), HasSubstr("ORDER"));
  EXPECT_THAT(WhyNot("UPDATE t SET v = 1 WHERE a = 1 LIMIT 10"), HasSubstr("LIMIT"));
  EXPECT_THAT(WhyNot("DELETE FROM t WHERE a = 1 ORDER BY id"), HasSubstr("ORDER"));
  EXPECT_THAT(WhyNot("INSERT INTO a SELECT * FROM b LIMIT 5"), HasSubstr("LIMIT"));
  EXPECT_THAT(WhyNot("DELETE FROM t WHERE a = 1 RETURNING id"), HasSubstr("RETURNING"));
}

TEST(BatchableDmlTest, MultiTableStatementsAreRefused) {
  EXPECT_THAT(WhyNot("UPDATE t, u SET t.v = u.v WHERE t.id = u.id"), HasSubstr("multi-table"));
  EXPECT_THAT(WhyNot("UPDATE t JOIN u ON t.id = u.id SET t.v = u.v"), HasSubstr("multi-table"));
  EXPECT_THAT(WhyNot("DELETE t FROM t JOIN u ON t.id = u.id"), HasSubstr("multi-table"));
  EXPECT_THAT(WhyNot("DELETE FROM t USING t JOIN u"), HasSubstr("more than"));
  EXPECT_THAT(WhyNot("INSERT INTO a SELECT b.x FROM b JOIN c ON b.id = c.id"),
              HasSubstr("more than one table"));
  EXPECT_THAT(WhyNot("INSERT INTO a SELECT b.x FROM b, c"), HasSubstr("more than one table"));
  EXPECT_NE(WhyNot("UPDATE t PARTITION (p0) SET v = 1"), "");
  EXPECT_NE(WhyNot("DELETE FROM t PARTITION (p0)"), "");
  EXPECT_NE(WhyNot("INSERT INTO a SELECT * FROM b FORCE INDEX (k)"), "");
}

TEST(BatchableDmlTest, AReadOfTheWrittenTableIsRefused) {
  EXPECT_THAT(WhyNot("UPDATE t SET v = (SELECT MAX(v) FROM t AS x) WHERE id > 3"),
              HasSubstr("the table it writes"));
  EXPECT_THAT(WhyNot("DELETE FROM t WHERE id IN (SELECT id FROM `T` WHERE "
                     "v = 0)"),
              HasSubstr("the table it writes"));
  EXPECT_THAT(WhyNot("INSERT INTO a SELECT * FROM b WHERE b.id NOT IN "
                     "(SELECT id FROM a)"),
              HasSubstr("the table it writes"));
  EXPECT_THAT(WhyNot("INSERT INTO a SELECT * FROM a"), HasSubstr("the table it writes"));
  // Another table in a subquery is a read the chunks share.
  BatchableDml d = Read("UPDATE t SET v = 1 WHERE owner IN (SELECT id FROM owners)");
  EXPECT_EQ(d.why_not, "");
  ASSERT_EQ(d.reads.size(), 1u);
  EXPECT_EQ(d.reads[0].name, "owners");
}

TEST(BatchableDmlTest, WhatIsNotTheSameInChunksIsRefused) {
  EXPECT_THAT(WhyNot("UPDATE t SET v = RAND()"), HasSubstr("RAND"));
  EXPECT_THAT(WhyNot("UPDATE t SET u = UUID()"), HasSubstr("UUID"));
  EXPECT_THAT(WhyNot("UPDATE t SET v = @n := @n + 1"), HasSubstr("@n"));
  EXPECT_THAT(WhyNot("UPDATE t SET v = @@session.sql_mode"), HasSubstr("variable"));
  EXPECT_THAT(WhyNot("UPDATE t SET v = app.f(v)"), HasSubstr("f()"));
  EXPECT_THAT(WhyNot("UPDATE t SET v = `f`(v)"), HasSubstr("f()"));
  EXPECT_THAT(WhyNot("UPDATE t SET v = my_func(v)"), HasSubstr("my_func"));
  EXPECT_THAT(WhyNot("INSERT INTO a SELECT COUNT(*) FROM b"), HasSubstr("COUNT"));
  EXPECT_THAT(WhyNot("INSERT INTO a SELECT SUM(v) FROM b"), HasSubstr("SUM"));
  EXPECT_THAT(WhyNot("INSERT INTO a SELECT k, SUM(v) FROM b GROUP BY k"), HasSubstr("GROUP"));
  EXPECT_THAT(WhyNot("INSERT INTO a SELECT DISTINCT k FROM b"), HasSubstr("DISTINCT"));
  EXPECT_THAT(WhyNot("INSERT INTO a SELECT ROW_NUMBER() OVER () FROM b"), HasSubstr("ROW_NUMBER"));
  EXPECT_NE(WhyNot("UPDATE t SET v = NEXT VALUE FOR s"), "");
  EXPECT_THAT(WhyNot("UPDATE t SET v = NEXTVAL(s)"), HasSubstr("NEXTVAL"));
  EXPECT_THAT(WhyNot("UPDATE t SET v = LAST_INSERT_ID()"), HasSubstr("LAST_INSERT_ID"));
  EXPECT_THAT(WhyNot("/*!50700 UPDATE t SET v = 1 */"), HasSubstr("executable comment"));
  EXPECT_THAT(WhyNot("INSERT INTO a SELECT * FROM b ON DUPLICATE KEY UPDATE "
                     "v = b.v"),
              HasSubstr("DUPLICATE"));
  EXPECT_NE(WhyNot("INSERT INTO a (SELECT * FROM b)"), "");
  EXPECT_NE(WhyNot("INSERT INTO a WITH c AS (SELECT 1) SELECT * FROM c"), "");
  EXPECT_NE(WhyNot("INSERT INTO a SELECT * FROM JSON_TABLE('[]', '$[*]' "
                   "COLUMNS (x INT PATH '$')) AS j"),
            "");
}

TEST(BatchableDmlTest, DeterministicBuiltinsAndTheClockAreKept) {
  EXPECT_EQ(WhyNot("UPDATE t SET k = CONCAT(UPPER(LEFT(k, 1)), SUBSTRING(k, "
                   "2)), at = NOW(), d = CAST(x AS DECIMAL(10, 2)) WHERE k "
                   "IN ('a', 'b') AND NOT (d IS NULL)"),
            "");
  EXPECT_EQ(WhyNot("UPDATE t SET v = COALESCE(v, 0), s = CASE WHEN a THEN "
                   "'y' ELSE 'n' END, at = CURRENT_TIMESTAMP"),
            "");
}

// PostgreSQL (dialect "postgresql"): its quoting, its spellings.
BatchableDml ReadPg(const std::string& s) {
  std::optional<BatchableDml> d = ReadBatchableDml(s, "postgresql");
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(BatchableDml{});
}
std::string WhyNotPg(const std::string& s) { return ReadPg(s).why_not; }

// A chunk over PostgreSQL's one integer column `key` (engine/batch/
// table_key.h), its values after it.
std::string PgChunk(const BatchableDml& d, const std::string& key, int64_t after, int64_t upto) {
  const std::string quoted = absl::StrCat("\"", absl::StrReplaceAll(key, {{"\"", "\"\""}}), "\"");
  const RangeKey k{{KeyColumn{key, "integer", quoted, quoted, "CAST(? AS bigint)", false}}, true};
  KeySql c = ChunkStatement(d, k, KeyValue{absl::StrCat(after)}, KeyValue{absl::StrCat(upto)});
  return absl::StrCat(c.text, " | ", absl::StrJoin(c.values, ", "));
}

TEST(BatchableDmlTest, PostgresqlQualifiesTheKeyAsTheStatementNamesItsTable) {
  BatchableDml d = ReadPg("UPDATE \"Events\" SET v = v + 1");
  EXPECT_EQ(d.why_not, "");
  EXPECT_EQ(d.dialect, "postgresql");
  EXPECT_EQ(d.written.name, "Events");
  EXPECT_EQ(PgChunk(d, "id", 0, 100),
            "UPDATE \"Events\" SET v = v + 1 WHERE \"Events\".\"id\" > CAST(? AS bigint) AND "
            "\"Events\".\"id\" <= CAST(? AS bigint) | 0, 100");
  // A bare name is folded by the server: it qualifies as written.
  d = ReadPg("UPDATE public.Events AS e SET note = 'x' WHERE e.v > 3 -- note");
  EXPECT_EQ(d.why_not, "");
  EXPECT_EQ(d.written.schema, "public");
  EXPECT_EQ(PgChunk(d, "id", 5, 9),
            "UPDATE public.Events AS e SET note = 'x' WHERE (e.v > 3) AND e.\"id\" > CAST(? AS "
            "bigint) AND e.\"id\" <= CAST(? AS bigint) | 5, 9");
  d = ReadPg("DELETE FROM public.events WHERE kind = 'x'");
  EXPECT_EQ(PgChunk(d, "my \"id\"", 1, 2),
            "DELETE FROM public.events WHERE (kind = 'x') AND public.events.\"my \"\"id\"\"\" > "
            "CAST(? AS bigint) AND public.events.\"my \"\"id\"\"\" <= CAST(? AS bigint) | 1, 2");
  // ONLY leaves out inheritance children; the chunks cover the table's rows.
  d = ReadPg("UPDATE ONLY batch_items SET v = v + 1");
  EXPECT_EQ(d.why_not, "");
  EXPECT_EQ(d.written.name, "batch_items");
  EXPECT_EQ(PgChunk(d, "id", 0, 1),
            "UPDATE ONLY batch_items SET v = v + 1 WHERE batch_items.\"id\" > CAST(? AS bigint) "
            "AND batch_items.\"id\" <= CAST(? AS bigint) | 0, 1");
  d = ReadPg("INSERT INTO a (id, v) SELECT id, split_part(v, ',', 1) FROM ONLY \"B\" AS s WHERE "
             "s.v <> ''");
  EXPECT_EQ(d.why_not, "");
  EXPECT_EQ(d.ranged.name, "B");
  EXPECT_EQ(d.qualifier, "s");
  // In MySQL "Events" is a string: no UPDATE of a table.
  EXPECT_FALSE(ReadBatchableDml("UPDATE \"Events\" SET v = 1"));
}

TEST(BatchableDmlTest, PostgresqlSpellingsThatDoNotChunkAreRefused) {
  EXPECT_THAT(WhyNotPg("UPDATE t SET v = u.v FROM u WHERE t.id = u.id"),
              HasSubstr("UPDATE ... FROM"));
  EXPECT_THAT(WhyNotPg("UPDATE t AS x SET v = u.v FROM u"), HasSubstr("UPDATE ... FROM"));
  EXPECT_THAT(WhyNotPg("DELETE FROM t USING u WHERE t.id = u.id"), HasSubstr("more than one"));
  EXPECT_THAT(WhyNotPg("UPDATE t SET v = 1 RETURNING id"), HasSubstr("RETURNING"));
  EXPECT_THAT(WhyNotPg("DELETE FROM t WHERE v = 0 RETURNING *"), HasSubstr("RETURNING"));
  EXPECT_THAT(WhyNotPg("INSERT INTO a SELECT * FROM b ON CONFLICT DO NOTHING"),
              HasSubstr("ON CONFLICT"));
  EXPECT_THAT(WhyNotPg("INSERT INTO a SELECT * FROM b AS s ON CONFLICT (id) DO UPDATE SET v = "
                       "EXCLUDED.v"),
              HasSubstr("ON CONFLICT"));
  EXPECT_THAT(WhyNotPg("UPDATE t SET v = 1 WHERE CURRENT OF c"), HasSubstr("CURRENT OF"));
  EXPECT_THAT(WhyNotPg("UPDATE t SET v = random()"), HasSubstr("random"));
  EXPECT_THAT(WhyNotPg("UPDATE t SET u = gen_random_uuid()"), HasSubstr("gen_random_uuid"));
  EXPECT_THAT(WhyNotPg("UPDATE t SET v = nextval('s')"), HasSubstr("NEXTVAL"));
  EXPECT_THAT(WhyNotPg("UPDATE t SET v = currval('s')"), HasSubstr("currval"));
  // No built-in of PostgreSQL: a function of the database's own.
  EXPECT_THAT(WhyNotPg("UPDATE t SET v = if(a, 1, 2)"), HasSubstr("if()"));
  EXPECT_THAT(WhyNotPg("UPDATE t SET v = public.lower(v)"), HasSubstr("lower()"));
  EXPECT_THAT(WhyNotPg("UPDATE t SET v = 1 WHERE id IN (SELECT id FROM \"t\")"),
              HasSubstr("the table it writes"));
  EXPECT_THAT(ReadPg("UPDATE t SET (id, v) = (id + 1, 0)").assigned,
              ::testing::ElementsAre("id", "v"));
  EXPECT_NE(WhyNotPg("UPDATE t * SET v = 1"), "");
  // A data-modifying WITH is not read (README: not gated).
  EXPECT_FALSE(ReadBatchableDml("WITH x AS (SELECT 1) UPDATE t SET v = 1", "postgresql"));
}

TEST(BatchableDmlTest, PostgresqlBuiltinsCastsAndOperatorsAreKept) {
  EXPECT_EQ(WhyNotPg("UPDATE t SET v = v::numeric(10, 2) + 1, s = lower(s) || 'x', at = now() "
                     "WHERE j @> '{}' AND k = ANY (ARRAY[1, 2])"),
            "");
  EXPECT_EQ(WhyNotPg("DELETE FROM t WHERE created < now() - interval '30 days'"), "");
  EXPECT_EQ(WhyNotPg("UPDATE t SET d = CAST(x AS numeric(10, 2)), e = date_trunc('day', at), "
                     "f = $$it's$$, g = E'a\\'b'"),
            "");
}

}  // namespace
}  // namespace aos::sql
