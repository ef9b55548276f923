// Unit tests of drift (module_drift.h, accepted_drift_store.h,
// drift_gate.h, drift_touch.h) on real SQLite files, with plugins filled in
// by hand whose expected schema is what the live reader makes of the same
// DDL on a file of its own.
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/backend/open_database.h"
#include "core/config/connection_url.h"
#include "core/engine/drift/accepted_drift_store.h"
#include "core/engine/drift/drift_gate.h"
#include "core/engine/drift/drift_touch.h"
#include "core/engine/drift/module_drift.h"
#include "core/schema/live_schema.h"
#include "core/schema/schema_objects.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kWidgets[] =
    "CREATE TABLE widgets (id INTEGER PRIMARY KEY, title VARCHAR(64) NOT NULL, "
    "size INTEGER DEFAULT 1);"
    "CREATE INDEX ix_widgets_title ON widgets (title);";
constexpr char kEvents[] = "CREATE TABLE events (id INTEGER PRIMARY KEY);";

std::unique_ptr<backend::Database> Open(const std::string& name) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string path = absl::StrCat(tmp ? tmp : "/tmp", "/", name, ".sqlite");
  std::remove(path.c_str());
  absl::StatusOr<config::ConnectionUrl> url =
      config::ParseConnectionUrl(absl::StrCat("sqlite:///", path));
  EXPECT_TRUE(url.ok()) << url.status();
  absl::StatusOr<std::unique_ptr<backend::Database>> db = backend::OpenDatabase(*url, {});
  EXPECT_TRUE(db.ok()) << db.status();
  return db.ok() ? *std::move(db) : nullptr;
}

void RunSql(backend::Database& db, const std::string& sql) {
  for (absl::string_view s : absl::StrSplit(sql, ';', absl::SkipEmpty())) {
    ASSERT_TRUE(db.Execute(s).ok()) << s;
  }
}

// What the live reader makes of `ddl`, as a plugin would ship it.
std::string ExpectedText(const std::string& name, const std::string& ddl) {
  std::unique_ptr<backend::Database> db = Open(name + "_expected");
  RunSql(*db, ddl);
  absl::StatusOr<schema::SchemaObjects> live = schema::ReadLiveSchema(*db);
  EXPECT_TRUE(live.ok()) << live.status();
  return schema::FormatSchemaObjects(*live);
}

plugin::ModulePlugin Module(const std::string& id, const std::string& ddl) {
  plugin::ModulePlugin m;
  m.module_id = m.repository_id = id;
  m.display_name = id;
  m.expected_schemas["sqlite"][0] = "";
  m.expected_schemas["sqlite"][1] = ExpectedText(id, ddl);
  return m;
}

void RecordVersion(backend::Database& db, const std::string& id, int v) {
  RunSql(db,
         "CREATE TABLE IF NOT EXISTS migrate_version (repository_id VARCHAR(250) "
         "PRIMARY KEY, repository_path TEXT, version INTEGER)");
  ASSERT_TRUE(db.Execute("INSERT INTO migrate_version VALUES (?, '', ?)", {id, int64_t{v}}).ok());
}

std::vector<std::string> Objects(const report::DriftInfo& d) {
  std::vector<std::string> out;
  for (const report::DriftItem& i : d.items) {
    out.push_back(absl::StrCat(i.kind, " ", i.object, i.accepted ? " (accepted)" : ""));
  }
  return out;
}

TEST(DriftTest, TableOfObject) {
  EXPECT_EQ(TableOfObject("table widgets"), "widgets");
  EXPECT_EQ(TableOfObject("column widgets.title"), "widgets");
  EXPECT_EQ(TableOfObject("index widgets.PRIMARY"), "widgets");
  EXPECT_EQ(TableOfObject("foreign key widgets.fk_owner"), "widgets");
  EXPECT_EQ(TableOfObject("trigger widgets.tr"), "widgets");
  EXPECT_EQ(TableOfObject("view v_widgets"), "v_widgets");
  EXPECT_EQ(TableOfObject("function f(integer, text)"), "f(integer, text)");
}

TEST(DriftTest, NoneRightAfterTheDdlThenEachHandChange) {
  plugin::ModulePlugin m = Module("w", kWidgets);
  std::unique_ptr<backend::Database> db = Open("w_live");
  RunSql(*db, kWidgets);
  RecordVersion(*db, "w", 1);
  absl::StatusOr<report::DriftInfo> d = ReadModuleDrift(*db, m, 1, {});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_TRUE(d->known);
  EXPECT_THAT(d->items, IsEmpty());

  RunSql(*db,
         "ALTER TABLE widgets ADD COLUMN note TEXT;DROP INDEX ix_widgets_title;"
         "CREATE TABLE scratch (x INTEGER)");
  d = ReadModuleDrift(*db, m, 1, {});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_THAT(Objects(*d), ::testing::IsSupersetOf({"extra column widgets.note",
                                                    "missing index widgets.ix_widgets_title",
                                                    "extra table scratch"}));
  EXPECT_EQ(d->Note(), absl::StrCat("drift: ", d->items.size(), " differences"));
}

TEST(DriftTest, NotKnownWithoutASchemaForTheEngineOrVersion) {
  plugin::ModulePlugin m = Module("w", kWidgets);
  std::unique_ptr<backend::Database> db = Open("w_unknown");
  absl::StatusOr<report::DriftInfo> d = ReadModuleDrift(*db, m, 7, {});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_FALSE(d->known);
  EXPECT_EQ(d->not_known, "the plugin carries no expected schema of version 7 for sqlite");
  m.expected_schemas.clear();
  d = ReadModuleDrift(*db, m, 1, {});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->not_known, "the plugin carries no expected schema for sqlite");
}

TEST(DriftTest, ATableOfAnotherModuleSharingTheDatabaseIsItsOwn) {
  std::vector<plugin::ModulePlugin> loaded = {Module("w", kWidgets), Module("e", kEvents)};
  std::unique_ptr<backend::Database> db = Open("shared");
  RunSql(*db, absl::StrCat(kWidgets, kEvents));
  RecordVersion(*db, "w", 1);
  RecordVersion(*db, "e", 1);
  DriftPolicy policy;
  policy.loaded = &loaded;
  for (const plugin::ModulePlugin& m : loaded) {
    absl::StatusOr<report::DriftInfo> d = ReadModuleDrift(*db, m, 1, policy);
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_THAT(d->items, IsEmpty()) << m.module_id;
  }
  RunSql(*db, "ALTER TABLE events ADD COLUMN note TEXT");
  absl::StatusOr<report::DriftInfo> w = ReadModuleDrift(*db, loaded[0], 1, policy);
  absl::StatusOr<report::DriftInfo> e = ReadModuleDrift(*db, loaded[1], 1, policy);
  ASSERT_TRUE(w.ok() && e.ok());
  EXPECT_THAT(w->items, IsEmpty());
  EXPECT_THAT(Objects(*e), ElementsAre("extra column events.note"));
}

TEST(DriftTest, AcceptedSilencesExactlyWhatItRecorded) {
  plugin::ModulePlugin m = Module("w", kWidgets);
  std::unique_ptr<backend::Database> db = Open("w_accept");
  RunSql(*db, kWidgets);
  RunSql(*db, "ALTER TABLE widgets ADD COLUMN note TEXT");
  absl::StatusOr<report::DriftInfo> d = ReadModuleDrift(*db, m, 1, {});
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_EQ(d->Drifted().size(), 1u);
  AcceptedDriftStore store(*db, "w");
  ASSERT_TRUE(store.Replace(d->items).ok());
  d = ReadModuleDrift(*db, m, 1, {});
  ASSERT_TRUE(d.ok());
  EXPECT_THAT(Objects(*d), ElementsAre("extra column widgets.note (accepted)"));
  EXPECT_EQ(d->Note(), "");
  // A second change is drift; the accepted one stays accepted.
  RunSql(*db, "CREATE TABLE scratch (x INTEGER)");
  d = ReadModuleDrift(*db, m, 1, {});
  ASSERT_TRUE(d.ok());
  EXPECT_THAT(Objects(*d), ::testing::Contains("extra table scratch"));
  EXPECT_THAT(Objects(*d), ::testing::Contains("extra column widgets.note (accepted)"));
  // The acceptances' own table is bookkeeping: never drift.
  for (const report::DriftItem& i : d->items) {
    EXPECT_THAT(i.object, ::testing::Not(HasSubstr("drift_accepted")));
  }
}

TEST(DriftTest, GateRefusesWarnsOrIgnores) {
  plugin::ModulePlugin m = Module("w", kWidgets);
  std::unique_ptr<backend::Database> db = Open("w_gate");
  RunSql(*db, kWidgets);
  RunSql(*db, "ALTER TABLE widgets ADD COLUMN note TEXT");
  DriftPolicy policy;
  policy.on_drift = OnDrift::kRefuse;
  DriftCheck refused = CheckDriftBeforeSteps(*db, m, 1, false, policy);
  EXPECT_FALSE(refused.refusal.ok());
  EXPECT_THAT(refused.refusal.message(),
              HasSubstr("Refused by on_drift = refuse: the live schema of w "
                        "differs from what version 1 should have (1 "
                        "difference: extra column widgets.note: "));
  EXPECT_THAT(refused.refusal.message(), HasSubstr("--accept-drift -n w"));
  policy.on_drift = OnDrift::kWarn;
  DriftCheck warned = CheckDriftBeforeSteps(*db, m, 1, false, policy);
  EXPECT_TRUE(warned.refusal.ok());
  EXPECT_EQ(warned.drift.Note(), "drift: 1 difference");
  policy.on_drift = OnDrift::kIgnore;
  DriftCheck ignored = CheckDriftBeforeSteps(*db, m, 1, false, policy);
  EXPECT_TRUE(ignored.refusal.ok());
  EXPECT_FALSE(ignored.drift.known);
  EXPECT_EQ(ignored.drift.not_known, "not checked: on_drift = ignore");
  policy.on_drift = OnDrift::kRefuse;
  DriftCheck part_way = CheckDriftBeforeSteps(*db, m, 1, true, policy);
  EXPECT_TRUE(part_way.refusal.ok());
  EXPECT_FALSE(part_way.drift.known);
}

TEST(DriftTest, TouchedTablesAreTheDriftedOnesAStepNames) {
  report::DriftInfo d;
  d.known = true;
  d.items = {{"column widgets.note", "extra", "", "text", false},
             {"table scratch", "extra", "", "x", true}};
  EXPECT_THAT(
      DriftedTablesTouched({"ALTER TABLE widgets ADD COLUMN b INT", "DROP TABLE scratch"}, d),
      ElementsAre("widgets"));
  EXPECT_THAT(DriftedTablesTouched({"UPDATE Widgets SET size = 2"}, d), ElementsAre("widgets"));
  EXPECT_THAT(DriftedTablesTouched({"CREATE TABLE other (id INT)"}, d), IsEmpty());
  d.items.push_back({"trigger audit.trg_audit", "missing", "AFTER INSERT", "", false});
  EXPECT_THAT(DriftedTablesTouched({"DROP TRIGGER trg_audit"}, d), ElementsAre("audit"));
}

}  // namespace
}  // namespace aos::engine
