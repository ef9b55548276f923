// splitter_differential_test.cc: the statement splitter held against the
// server itself (issue 23, "Statements exactly as the server reads them").
// For each script of testdata/sql_corpus/, on a private MariaDB 10.11:
//  (a) the server's own reading: the whole script in one round trip over a
//      session WITH CLIENT_MULTI_STATEMENTS, on a fresh database A, result
//      by result;
//  (b) the tool's reading: aos::sql::SplitStatements, then each statement
//      alone over a session WITHOUT multi-statements (as the step
//      connection runs them), on a fresh database B, stopping at the first
//      error;
// and requires the same results in the same order (ok / rows N / error
// code) and the same schema objects and rows in A and B.
//
// A statement that is nothing but a comment to the server (an executable
// comment of a newer version) has nothing to run: the server counts it in
// Com_empty_query, and (b) leaves it out, as the step connection does. In
// one multi-statement text the server refuses such an empty statement
// followed by more (a syntax error at the ';'), so (a) sends the script in
// stretches that end after each statement (b) found empty, and leaves out
// the empty result that ends a stretch (a trailing comment is one too).
//
// A corpus file whose first line is "-- expect refused: <words>" holds a
// construct the splitter cannot split safely: it must refuse it with an
// error holding <words>, and nothing is sent to the server.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/sql/statement_splitter.h"
#include "core/sql/testing/script_session.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/testing/mariadb_server.h"

namespace aos::sql {
namespace {

using ::testing::HasSubstr;
using testing::ScriptSession;

constexpr char kCorpus[] = "testdata/sql_corpus";
constexpr char kRefused[] = "-- expect refused: ";

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(kCorpus)) {
    if (e.path().extension() == ".sql") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// What the server answered to a reading of the script, and what was sent.
struct Reading {
  std::vector<std::string> outcomes;
  std::vector<std::string> log;  // "<sent> -> <outcomes>", for a failure
  void Add(const std::string& sent, std::vector<std::string> results) {
    log.push_back(absl::StrCat("[", sent, "] -> ", absl::StrJoin(results, ", ")));
    outcomes.insert(outcomes.end(), results.begin(), results.end());
  }
  bool Stopped() const {
    return !outcomes.empty() && absl::StartsWith(outcomes.back(), "error");
  }
};

class SplitterDifferentialTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    server_ = new aos::testing::MariadbServer();
    absl::Status st = server_->Start();
    ASSERT_TRUE(st.ok()) << st;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    absl::Status st = server_->Execute(
        "DROP DATABASE IF EXISTS diff_a; DROP DATABASE IF EXISTS diff_b; "
        "CREATE DATABASE diff_a; CREATE DATABASE diff_b");
    ASSERT_TRUE(st.ok()) << st;
    absl::StatusOr<ScriptSession> admin =
        ScriptSession::Open(server_->socket_path(), "", true);
    ASSERT_TRUE(admin.ok()) << admin.status();
    admin_.emplace(*std::move(admin));
  }

  int64_t Empties() {
    absl::StatusOr<int64_t> n = admin_->EmptyQueries();
    EXPECT_TRUE(n.ok()) << n.status();
    return n.value_or(-1);
  }

  // (b): each statement alone; `empty` gets the indices of the statements
  // the server found empty.
  Reading OneByOne(const std::vector<Statement>& statements,
                   std::vector<size_t>* empty) {
    Reading r;
    absl::StatusOr<ScriptSession> b =
        ScriptSession::Open(server_->socket_path(), "diff_b", false);
    EXPECT_TRUE(b.ok()) << b.status();
    if (!b.ok()) return r;
    for (size_t i = 0; i < statements.size() && !r.Stopped(); ++i) {
      const int64_t before = Empties();
      std::vector<std::string> results = b->Send(statements[i].text);
      const bool nothing = (Empties() - before == 1 && results.size() == 1 &&
                            results[0] == "ok") ||
                           results == std::vector<std::string>{"error 1065"};
      if (nothing) {
        empty->push_back(i);
        results = {};
      }
      r.Add(statements[i].text, results);
    }
    return r;
  }

  // (a): the script as the server splits it, in stretches ending after
  // each of `cuts`.
  Reading Whole(const std::string& script, const std::vector<size_t>& cuts) {
    Reading r;
    absl::StatusOr<ScriptSession> a =
        ScriptSession::Open(server_->socket_path(), "diff_a", true);
    EXPECT_TRUE(a.ok()) << a.status();
    if (!a.ok()) return r;
    size_t from = 0;
    std::vector<size_t> ends = cuts;
    ends.push_back(script.size());
    for (size_t end : ends) {
      const std::string stretch = script.substr(from, end - from);
      from = end;
      if (absl::StripAsciiWhitespace(stretch).empty()) continue;
      const int64_t before = Empties();
      std::vector<std::string> results = a->Send(stretch);
      const int64_t empties = Empties() - before;
      if (!results.empty() && results.back() == "error 1065") {
        results.pop_back();
      } else if (empties == 1 && !results.empty() && results.back() == "ok") {
        results.pop_back();
      } else if (empties != 0) {
        results.push_back(absl::StrCat(empties, " empty statements"));
      }
      r.Add(stretch, results);
      if (r.Stopped()) break;
    }
    return r;
  }

  static aos::testing::MariadbServer* server_;
  std::optional<ScriptSession> admin_;
};

aos::testing::MariadbServer* SplitterDifferentialTest::server_ = nullptr;

// Where each statement's terminating ';' ends (or the statement, without
// one), for the statements at `which`.
std::vector<size_t> EndsOf(const std::string& script,
                           const std::vector<Statement>& statements,
                           const std::vector<size_t>& which) {
  std::vector<size_t> ends;
  size_t cursor = 0;
  for (size_t i = 0; i < statements.size(); ++i) {
    size_t end = script.find(statements[i].text, cursor);
    if (end == std::string::npos) return {};
    end += statements[i].text.size();
    while (end < script.size() && absl::ascii_isspace(script[end])) ++end;
    if (end < script.size() && script[end] == ';') ++end;
    cursor = end;
    if (std::find(which.begin(), which.end(), i) != which.end() &&
        i + 1 < statements.size()) {
      ends.push_back(end);
    }
  }
  return ends;
}

TEST_P(SplitterDifferentialTest, TheSplitterReadsTheScriptAsTheServerDoes) {
  const std::string script = ReadFile(GetParam());
  ASSERT_FALSE(script.empty()) << GetParam();
  absl::StatusOr<std::vector<Statement>> split = SplitStatements(script);
  if (absl::StartsWith(script, kRefused)) {
    const std::string words =
        script.substr(sizeof(kRefused) - 1,
                      script.find('\n') - (sizeof(kRefused) - 1));
    ASSERT_FALSE(split.ok()) << "the splitter must refuse " << GetParam();
    EXPECT_THAT(std::string(split.status().message()), HasSubstr(words));
    return;
  }
  ASSERT_TRUE(split.ok()) << split.status();
  std::vector<size_t> empty;
  const Reading ours = OneByOne(*split, &empty);
  const Reading server = Whole(script, EndsOf(script, *split, empty));
  EXPECT_EQ(server.outcomes, ours.outcomes)
      << "the server's reading:\n  " << absl::StrJoin(server.log, "\n  ")
      << "\nthe splitter's:\n  " << absl::StrJoin(ours.log, "\n  ");
  absl::StatusOr<std::vector<std::string>> a = admin_->Dump("diff_a");
  absl::StatusOr<std::vector<std::string>> b = admin_->Dump("diff_b");
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(*a, *b) << "the splitter's statements:\n  "
                    << absl::StrJoin(ours.log, "\n  ");
  EXPECT_FALSE(a->empty()) << "a script of the corpus leaves something";
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, SplitterDifferentialTest, ::testing::ValuesIn(CorpusFiles()),
    [](const ::testing::TestParamInfo<std::string>& info) {
      std::string name = std::filesystem::path(info.param).stem().string();
      for (char& c : name) {
        if (!absl::ascii_isalnum(c)) c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace aos::sql
