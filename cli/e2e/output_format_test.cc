// The machine-readable outputs and the read-only views, on real databases:
// -f json and -f value of a migrate run, --status (table and JSON, with an
// interrupted step), --dry-run (text and JSON), --migrations (table and
// JSON); views cannot be combined; progress goes to stderr only when it is a
// terminal. The read-only views apply nothing.
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/migrate_fixture.h"
#include "cli/e2e/report_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace aos::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kPassword[] = "Zq9-DiStInCt-Pw-4417";
constexpr char kUnknownDbError[] =
    "Unknown DB Error. Please contact your administrator.";
// The phase and the client library's code for "cannot connect"; the
// library's wording is not the tool's to promise.
constexpr char kCantConnect[] = "Error while getting migrate versions: (2002) ";

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// Runs argv with stdout on a pipe and stderr on a pseudo-terminal, so that
// the tool sees a terminal on stderr as an operator's shell would give it.
// Like RunCommandOrFail, in a process group of its own that is killed, and
// the test failed, when it is still running after the time limit.
testing::CommandResult RunWithTerminalStderr(
    const std::vector<std::string>& argv) {
  testing::CommandResult result;
  int master = -1, slave = -1;
  if (openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) {
    ADD_FAILURE() << "openpty failed: errno " << errno;
    return result;
  }
  int out_pipe[2];
  if (pipe(out_pipe) != 0) {
    ADD_FAILURE() << "pipe failed";
    return result;
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    dup2(out_pipe[1], 1);
    dup2(slave, 2);
    close(devnull);
    close(out_pipe[0]);
    close(out_pipe[1]);
    close(slave);
    close(master);
    execv(args[0], args.data());
    _exit(127);
  }
  setpgid(pid, pid);  // as the child does: whichever runs first
  close(slave);
  close(out_pipe[1]);
  const Deadline deadline = SecondsFromNow(testing::kCommandTimeLimit.count());
  auto time_out = [&] {
    kill(-pid, SIGKILL);
    result.timed_out = true;
    ADD_FAILURE() << "still running after "
                  << testing::kCommandTimeLimit.count()
                  << " s, killed with its process group: "
                  << absl::StrJoin(argv, " ");
  };
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {master, POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  bool open_fds[2] = {true, true};
  while (open_fds[0] || open_fds[1]) {
    for (int i = 0; i < 2; ++i) fds[i].fd = open_fds[i] ? (i ? master : out_pipe[0]) : -1;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    int ready = poll(fds, 2, std::max<int64_t>(left.count(), 0));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) time_out();
    if (ready <= 0) break;
    for (int i = 0; i < 2; ++i) {
      if (!open_fds[i] || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, n);
      } else if (n == 0 || errno != EINTR) {
        open_fds[i] = false;  // EOF, or EIO once the terminal has no writer
      }
    }
  }
  close(out_pipe[0]);
  close(master);
  int status = 0;
  // Its outputs are closed; it must still end by the deadline.
  if (!result.timed_out &&
      !WaitFor([&] { return waitpid(pid, &status, WNOHANG) == pid; },
               deadline)) {
    time_out();
  }
  if (result.timed_out) waitpid(pid, &status, 0);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.err.erase(std::remove(result.err.begin(), result.err.end(), '\r'),
                   result.err.end());
  return result;
}

class OutputFormatTest : public MigrateTest {
 protected:
  // Dashboard on this test's database; CloudManager with a password in its
  // URL, on a port where nothing listens.
  std::string ConfigWithDownCloudManager(const std::string& plugin_dir) {
    return ConfigWith(
        plugin_dir,
        {{"cloud_manager",
          absl::StrCat("mysql+pymysql://root:", kPassword, "@127.0.0.1:",
                       testing::FreePort(), "/", Db("cloud_manager"),
                       "?charset=utf8")}});
  }

  // A step left 'running' in the module's history, as a run killed in the
  // middle of it leaves it.
  void InsertInterruptedStep(const std::string& module, int version) {
    ASSERT_TRUE(server_
                    ->Execute(absl::StrCat(
                                  "INSERT INTO aos_migration_history "
                                  "(repository_id, version, direction, "
                                  "checksum, started_at, finished_at, outcome, "
                                  "statements_done, statements_total, error, "
                                  "host, pid) VALUES ('",
                                  module, "', ", version,
                                  ", 'upgrade', 'abc', '2024-01-02 03:04:05', "
                                  "NULL, 'running', 1, 3, NULL, 'ctl-7', 4242)"),
                              Db(module))
                    .ok());
  }

  // Everything a read-only view could have changed.
  std::string Snapshot(const std::vector<std::string>& modules) {
    std::string out;
    for (const std::string& m : modules) {
      absl::StrAppend(&out, m, ": version ", RecordedVersion(m), "; tables ",
                      absl::StrJoin(Tables(m), ","), "; history ");
      std::vector<std::string> tables = Tables(m);
      if (std::find(tables.begin(), tables.end(), "aos_migration_history") !=
          tables.end()) {
        absl::StrAppend(
            &out, absl::StrJoin(QueryDb(m,
                                        "SELECT id, version, direction, outcome "
                                        "FROM aos_migration_history ORDER BY id"),
                                ","));
      }
      absl::StrAppend(&out, "\n");
    }
    return out;
  }

  Json MustParse(const std::string& text) {
    absl::StatusOr<Json> json = ParseJson(text);
    EXPECT_TRUE(json.ok()) << json.status() << " in:\n" << text;
    return json.ok() ? *std::move(json) : Json();
  }
};

// --- -f json / -f value of a migrate run -----------------------------------

TEST_F(OutputFormatTest, JsonReportHasEveryFieldAndTheFullErrorWithoutVerbose) {
  std::string plugins = PluginDir();
  PrepareAt(Config(plugins), "dashboard", 9);
  std::string config = ConfigWithDownCloudManager(plugins);

  testing::CommandResult r =
      Migrate(config, {"-n", "dashboard", "cloud_manager", "-f", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, StartsWith("{\"modules\":["));  // no header, no table
  EXPECT_EQ(Lines(r.out).size(), 1u) << r.out;
  EXPECT_THAT(r.out, Not(HasSubstr(kPassword)));
  EXPECT_THAT(r.err, Not(HasSubstr(kPassword)));
  EXPECT_THAT(r.err, IsEmpty());
  Json doc = MustParse(r.out);
  EXPECT_THAT(Keys(doc), ElementsAre("modules"));
  const Json& modules = doc.at("modules");
  ASSERT_EQ(JsonArray(modules).size(), 2u) << r.out;

  const Json& dashboard = modules.at(0);  // in the order given with -n
  EXPECT_THAT(Keys(dashboard), ElementsAre("id", "name", "status", "from", "to", "result", "error",
                                           "category", "resumed", "held_back", "steps",
                                           "drift", "drift_accepted",  // issue 29
                                           "drift_reason"));
  EXPECT_EQ(JsonString(dashboard.at("id")), "dashboard");
  EXPECT_EQ(JsonString(dashboard.at("name")), "Dashboard");
  EXPECT_EQ(JsonString(dashboard.at("status")), "OK");
  EXPECT_TRUE(dashboard.at("from").is_number_integer());
  EXPECT_EQ(JsonInt(dashboard.at("from")), 9);
  EXPECT_EQ(JsonInt(dashboard.at("to")), 11);
  EXPECT_EQ(JsonString(dashboard.at("result")), "9 -> 11");
  EXPECT_TRUE(dashboard.at("error").is_null());
  EXPECT_TRUE(dashboard.at("category").is_null());
  // Each step the run applied, with how long it took.
  const Json& steps = dashboard.at("steps");
  ASSERT_EQ(JsonArray(steps).size(), 2u) << r.out;
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(JsonInt(steps.at(i).at("from")), 9 + i) << r.out;
    EXPECT_EQ(JsonInt(steps.at(i).at("to")), 10 + i) << r.out;
    EXPECT_EQ(JsonString(steps.at(i).at("status")), "OK") << r.out;
    EXPECT_GE(JsonInt(steps.at(i).at("millis")), 0) << r.out;
  }
  EXPECT_TRUE(JsonArray(modules.at(1).at("steps")).empty()) << r.out;

  const Json& cloud = modules.at(1);
  EXPECT_THAT(Keys(cloud), ElementsAre("id", "name", "status", "from", "to", "result", "error",
                                       "category", "resumed", "held_back", "steps",
                                       "drift", "drift_accepted", "drift_reason"));
  EXPECT_EQ(JsonString(cloud.at("id")), "cloud_manager");
  EXPECT_EQ(JsonString(cloud.at("name")), "CloudManager");
  EXPECT_EQ(JsonString(cloud.at("status")), "FAIL");
  EXPECT_TRUE(cloud.at("from").is_null());
  EXPECT_TRUE(cloud.at("to").is_null());
  // The full error, never the masked one, even without -v.
  EXPECT_TRUE(cloud.at("error").is_string());
  EXPECT_THAT(JsonString(cloud.at("error")), StartsWith(kCantConnect));
  EXPECT_EQ(JsonString(cloud.at("category")), "cannot_connect");
  EXPECT_EQ(JsonString(cloud.at("result")), JsonString(cloud.at("error")));
  EXPECT_THAT(r.out, Not(HasSubstr(kUnknownDbError)));
  EXPECT_EQ(RecordedVersion("dashboard"), "11");

  // Run again: no changes, from == to.
  testing::CommandResult again = Migrate(config, {"-n", "dashboard", "-f", "json"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(again.out,
            "{\"modules\":[{\"id\":\"dashboard\",\"name\":\"Dashboard\","
            "\"status\":\"OK\",\"from\":11,\"to\":11,\"result\":\"No "
            "changes\",\"error\":null,\"category\":null,\"resumed\":null,"
            "\"held_back\":null,\"steps\":[],\"drift\":null,"
            "\"drift_accepted\":null,\"drift_reason\":\"not checked (a run "
            "checks only before applying a step)\"}]}\n");
}

TEST_F(OutputFormatTest, ValueFormatIsOneLinePerModule) {
  std::string plugins = PluginDir();
  PrepareAt(Config(plugins), "dashboard", 9);
  std::string config = ConfigWithDownCloudManager(plugins);

  testing::CommandResult r =
      Migrate(config, {"-n", "dashboard", "cloud_manager", "-f", "value"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.out, absl::StrCat("dashboard OK 9 -> 11\n",
                                "cloud_manager FAIL ", kUnknownDbError, "\n"));
  EXPECT_THAT(r.err, IsEmpty());

  testing::CommandResult verbose = Migrate(
      config, {"-n", "cloud_manager", "dashboard", "-f", "value", "-v"});
  EXPECT_EQ(verbose.exit_code, 1) << verbose.out << verbose.err;
  std::vector<std::string> lines = Lines(verbose.out);
  ASSERT_EQ(lines.size(), 2u) << verbose.out;
  EXPECT_THAT(lines[0], StartsWith(absl::StrCat("cloud_manager FAIL ",
                                                kCantConnect)));
  EXPECT_EQ(lines[1], "dashboard OK No changes");
  for (const std::string& text : {r.out, r.err, verbose.out, verbose.err}) {
    EXPECT_THAT(text, Not(HasSubstr(kPassword)));
  }
}

// --- --status ----------------------------------------------------------------

TEST_F(OutputFormatTest, StatusShowsVersionsPendingStepsAndInterruptedStep) {
  std::string config = Config(PluginDir());
  PrepareAt(config, "dashboard", 9);
  PrepareAt(config, "cloud_manager", 25);
  InsertInterruptedStep("dashboard", 10);
  const std::vector<std::string> modules = {"dashboard", "cloud_manager",
                                            "journal"};
  const std::string before = Snapshot(modules);
  const std::string interrupted =
      "upgrade of migration 10 started at 2024-01-02 03:04:05 UTC on ctl-7 "
      "(pid 4242), 1 of 3 statements ran; it cannot be resumed: it was "
      "started by an aos-db-migrate that kept no statement ledger";

  testing::CommandResult r = Migrate(
      config, {"--status", "-n", "dashboard", "cloud_manager", "journal"});
  EXPECT_EQ(r.exit_code, 1) << "an interrupted step is a problem\n"
                            << r.out << r.err;
  EXPECT_THAT(r.out, StartsWith("DB status table\n"));
  auto rows = ParseTable(r.out, "DB status table");
  ASSERT_EQ(rows.size(), 4u) << r.out;
  EXPECT_THAT(rows[0], ElementsAre("N", "Module name", "Current", "Latest",
                                   "Pending", "Note"));
  EXPECT_THAT(rows[1], ElementsAre("1", "Dashboard", "9", "11", "2",
                                   "interrupted: " + interrupted))
      << r.out;
  // 27->28 alters `projects` by a copy: it would block writes to it (a
  // small table: not refused).
  EXPECT_THAT(rows[2], ElementsAre("2", "CloudManager", "25", "28", "3",
                                   "25->26 26->27 27->28 (blocks writes: "
                                   "projects)"))
      << r.out;
  // 3->4 adds a foreign key to event_types, which 0->1 creates and 1->2
  // seeds in the same run: a table made in the run is sized by what the
  // run puts in it (issue 24), here a few rows (shown, not refused).
  EXPECT_THAT(rows[3], ElementsAre("3", "Journal", "0", "5", "5",
                                   "0->1 1->2 2->3 3->4 (blocks writes: "
                                   "event_types) 4->5"))
      << r.out;
  EXPECT_THAT(r.err, IsEmpty());

  testing::CommandResult j = Migrate(
      config,
      {"--status", "-n", "dashboard", "cloud_manager", "journal", "-f", "json"});
  EXPECT_EQ(j.exit_code, 1) << j.out << j.err;
  Json doc = MustParse(j.out);
  const Json& m = doc.at("modules");
  ASSERT_EQ(JsonArray(m).size(), 3u) << j.out;
  // "archives": issue 27.
  EXPECT_THAT(Keys(m.at(0)), ElementsAre("id", "name", "current", "latest",
                                         "interrupted", "resume", "error",
                                         "category", "pending",
                                         "archives", "drift",  // issue 29
                                         "drift_accepted", "drift_reason",
                                         "controllers"));
  EXPECT_EQ(JsonString(m.at(0).at("id")), "dashboard");
  EXPECT_EQ(JsonInt(m.at(0).at("current")), 9);
  EXPECT_EQ(JsonInt(m.at(0).at("latest")), 11);
  EXPECT_EQ(JsonString(m.at(0).at("interrupted")), interrupted);
  EXPECT_TRUE(m.at(0).at("error").is_null());
  ASSERT_EQ(JsonArray(m.at(0).at("pending")).size(), 2u);
  const Json& p10 = m.at(0).at("pending").at(0);
  EXPECT_THAT(Keys(p10),
              ElementsAre("version", "direction", "from", "to", "description",
                          "phase", "ddl", "preflight"));
  EXPECT_EQ(JsonString(p10.at("phase")), "unspecified");
  EXPECT_EQ(JsonInt(p10.at("version")), 10);
  EXPECT_EQ(JsonString(p10.at("direction")), "upgrade");
  EXPECT_EQ(JsonInt(p10.at("from")), 9);
  EXPECT_EQ(JsonInt(p10.at("to")), 10);
  EXPECT_EQ(JsonString(p10.at("description")), "add dashboard shares");
  EXPECT_EQ(JsonInt(m.at(0).at("pending").at(1).at("version")), 11);
  EXPECT_EQ(JsonString(m.at(0).at("pending").at(1).at("description")),
            "add widget refresh interval");

  EXPECT_EQ(JsonString(m.at(1).at("id")), "cloud_manager");
  EXPECT_EQ(JsonInt(m.at(1).at("current")), 25);
  EXPECT_EQ(JsonInt(m.at(1).at("latest")), 28);
  EXPECT_TRUE(m.at(1).at("interrupted").is_null());
  std::vector<int64_t> versions;
  for (const Json& p : JsonArray(m.at(1).at("pending")))
    versions.push_back(JsonInt(p.at("version")));
  EXPECT_THAT(versions, ElementsAre(26, 27, 28));

  EXPECT_EQ(JsonString(m.at(2).at("id")), "journal");
  EXPECT_TRUE(m.at(2).at("current").is_number_integer());
  EXPECT_EQ(JsonInt(m.at(2).at("current")), 0);
  EXPECT_EQ(JsonArray(m.at(2).at("pending")).size(), 5u);

  // Nothing was applied, recorded or repaired.
  EXPECT_EQ(Snapshot(modules), before);
  EXPECT_EQ(RecordedVersion("dashboard"), "9");
  EXPECT_EQ(RecordedVersion("cloud_manager"), "25");
  EXPECT_EQ(RecordedVersion("journal"), "");
  EXPECT_THAT(Tables("journal"), IsEmpty());
}

TEST_F(OutputFormatTest, StatusOfSettledModulesExitsZero) {
  std::string config = Config(PluginDir());
  PrepareAt(config, "dashboard", 11);
  testing::CommandResult r = Migrate(config, {"--status", "-n", "dashboard"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto rows = ParseTable(r.out, "DB status table");
  ASSERT_EQ(rows.size(), 2u) << r.out;
  EXPECT_THAT(rows[1], ElementsAre("1", "Dashboard", "11", "11", "0",
                                   "Up to date"));
}

// --- --dry-run ---------------------------------------------------------------

TEST_F(OutputFormatTest, DryRunPrintsEveryStatementPerModuleAndStepInOrder) {
  std::string config = Config(PluginDir());
  PrepareAt(config, "dashboard", 9);
  PrepareAt(config, "cloud_manager", 27);
  const std::vector<std::string> modules = {"dashboard", "cloud_manager"};
  const std::string before = Snapshot(modules);

  testing::CommandResult r =
      Migrate(config, {"--dry-run", "-n", "dashboard", "cloud_manager"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.err, IsEmpty());
  // The cost of each ALTER on an existing table comes first, on a line of
  // its own (issue 17); the rest is the plan.
  std::vector<std::string> headers;
  std::vector<std::string> costs;
  std::string plain;
  for (const std::string& line : Lines(r.out)) {
    if (absl::StartsWith(line, "-- cost: ")) {
      costs.push_back(line);
      continue;
    }
    // Issue 27: a statement archived first says so, as its cost does.
    if (absl::StartsWith(line, "-- archived first: ")) continue;
    absl::StrAppend(&plain, line, "\n");
    if (absl::StartsWith(line, "-- ")) headers.push_back(line);
  }
  EXPECT_THAT(costs, ::testing::Contains(HasSubstr("table projects"))) << r.out;
  EXPECT_THAT(headers,
              ElementsAre("-- dashboard: 9 -> 11",
                          "-- upgrade 9 -> 10 (add dashboard shares)",
                          "-- upgrade 10 -> 11 (add widget refresh interval)",
                          "-- cloud_manager: 27 -> 28",
                          "-- upgrade 27 -> 28 (add project hierarchy)"))
      << r.out;

  // Each step's text is its script as the plugin ships it, comments aside,
  // one statement after the other, each ending with ';'.
  std::vector<std::string> blocks = absl::StrSplit(plain, "\n-- ");
  ASSERT_EQ(blocks.size(), 5u) << r.out;
  struct Step {
    int block;
    std::string script;
    int statements;
  } steps[] = {{2, "plugins/dashboard/migrations/010_add_dashboard_shares.up.sql", 3},
               {3, "plugins/dashboard/migrations/011_add_widget_refresh_interval.up.sql", 3},
               {5, "plugins/cloud_manager/migrations/028_add_project_hierarchy.up.sql", 1}};
  for (const Step& step : steps) {
    SCOPED_TRACE(step.script);
    std::string block = blocks[step.block - 1];
    std::string body = block.substr(block.find('\n') + 1);  // after "-- ..."
    std::string script_text;
    for (absl::string_view line :
         absl::StrSplit(testing::ReadFile(testing::Runfile(step.script)), '\n')) {
      if (!absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), "--")) {
        absl::StrAppend(&script_text, line, "\n");
      }
    }
    EXPECT_EQ(WithoutBlanks(body), WithoutBlanks(script_text)) << body;
    int ends = 0;
    for (const std::string& line : Lines(body)) ends += absl::EndsWith(line, ";");
    EXPECT_EQ(ends, step.statements) << body;
    EXPECT_TRUE(absl::EndsWith(absl::StripTrailingAsciiWhitespace(body), ";"));
  }
  EXPECT_THAT(blocks[1], StartsWith("upgrade 9 -> 10 (add dashboard shares)\n"
                                    "CREATE TABLE dashboard_shares ("));

  // A settled module says so; a rollback lists its downgrades.
  PrepareAt(config, "journal", 5);
  testing::CommandResult settled = Migrate(config, {"--dry-run", "-n", "journal"});
  EXPECT_EQ(settled.exit_code, 0) << settled.out << settled.err;
  EXPECT_EQ(settled.out, "-- journal: no changes (version 5)\n\n");
  testing::CommandResult down = Migrate(
      config, {"--dry-run", "-n", "cloud_manager", "--migration", "25"});
  EXPECT_EQ(down.exit_code, 0) << down.out << down.err;
  std::vector<std::string> down_headers;
  for (const std::string& line : Lines(down.out)) {
    if (absl::StartsWith(line, "-- ") && !absl::StartsWith(line, "-- cost: ")) {
      down_headers.push_back(line);
    }
  }
  EXPECT_THAT(down_headers,
              ElementsAre("-- cloud_manager: 27 -> 25",
                          "-- downgrade 27 -> 26 (add region capacity snapshots)",
                          "-- downgrade 26 -> 25 (unique instance external id)"))
      << down.out;

  // Nothing was applied.
  EXPECT_EQ(Snapshot(modules), before);
  EXPECT_EQ(RecordedVersion("dashboard"), "9");
  EXPECT_EQ(RecordedVersion("cloud_manager"), "27");
  EXPECT_THAT(Tables("dashboard"), Not(::testing::Contains("dashboard_shares")));
}

TEST_F(OutputFormatTest, DryRunJsonGivesTheSameStatementsSplit) {
  std::string config = Config(PluginDir());
  PrepareAt(config, "dashboard", 9);
  const std::string before = Snapshot({"dashboard"});

  testing::CommandResult text = Migrate(config, {"--dry-run", "-n", "dashboard"});
  testing::CommandResult r =
      Migrate(config, {"--dry-run", "-n", "dashboard", "-f", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  Json doc = MustParse(r.out);
  ASSERT_EQ(JsonArray(doc.at("modules")).size(), 1u) << r.out;
  const Json& m = doc.at("modules").at(0);
  EXPECT_THAT(Keys(m), ElementsAre("id", "name", "current", "latest",
                                   "interrupted", "resume", "error",
                                   "category", "drift", "drift_accepted",
                                   "drift_reason", "steps"));  // issue 29
  EXPECT_EQ(JsonString(m.at("id")), "dashboard");
  EXPECT_EQ(JsonInt(m.at("current")), 9);
  EXPECT_EQ(JsonInt(m.at("latest")), 11);
  ASSERT_EQ(JsonArray(m.at("steps")).size(), 2u);
  const Json& s10 = m.at("steps").at(0);
  EXPECT_THAT(Keys(s10),
              ElementsAre("version", "direction", "from", "to", "description",
                          "phase", "ddl", "preflight",
                          "archived",  // issue 27
                          "drifted_tables",  // issue 29
                          "code_step", "first_statement", "statements"));
  EXPECT_EQ(JsonInt(s10.at("version")), 10);
  EXPECT_EQ(JsonInt(s10.at("from")), 9);
  EXPECT_EQ(JsonInt(s10.at("to")), 10);
  EXPECT_EQ(JsonString(s10.at("direction")), "upgrade");
  EXPECT_EQ(JsonString(s10.at("description")), "add dashboard shares");
  EXPECT_TRUE(s10.at("code_step").is_boolean());
  EXPECT_FALSE(JsonBool(s10.at("code_step")));
  ASSERT_EQ(JsonArray(s10.at("statements")).size(), 3u);
  EXPECT_THAT(JsonString(s10.at("statements").at(0)),
              StartsWith("CREATE TABLE dashboard_shares ("));
  EXPECT_THAT(JsonString(s10.at("statements").at(1)),
              StartsWith("INSERT INTO dashboard_shares"));
  EXPECT_THAT(JsonString(s10.at("statements").at(2)),
              StartsWith("ALTER TABLE dashboards"));
  EXPECT_EQ(JsonInt(m.at("steps").at(1).at("version")), 11);

  // The text view is exactly these statements, each followed by ";\n".
  std::string expected = "-- dashboard: 9 -> 11\n";
  for (const Json& step : JsonArray(m.at("steps"))) {
    absl::StrAppend(&expected, "-- upgrade ", JsonInt(step.at("version")) - 1,
                    " -> ", JsonInt(step.at("version")), " (",
                    JsonString(step.at("description")), ")\n");
    for (const Json& s : JsonArray(step.at("statements"))) {
      EXPECT_FALSE(absl::EndsWith(JsonString(s), ";")) << JsonString(s);
      absl::StrAppend(&expected, JsonString(s), ";\n");
    }
  }
  absl::StrAppend(&expected, "\n");
  // Besides a "-- cost: " line for each "ddl" entry.
  std::string text_plan;
  size_t cost_lines = 0;
  size_t ddl_entries = 0;
  for (const Json& step : JsonArray(m.at("steps"))) {
    ddl_entries += JsonArray(step.at("ddl")).size();
  }
  for (absl::string_view line : absl::StrSplit(text.out, '\n')) {
    if (absl::StartsWith(line, "-- cost: ")) {
      ++cost_lines;
    } else if (absl::StartsWith(line, "-- archived first: ")) {
      // Issue 27: the JSON's "archived" entries.
    } else {
      absl::StrAppend(&text_plan, line, "\n");
    }
  }
  text_plan.pop_back();  // the split's last piece had no newline
  EXPECT_EQ(text_plan, expected);
  EXPECT_EQ(cost_lines, ddl_entries) << text.out;
  EXPECT_EQ(Snapshot({"dashboard"}), before);
}

// --- --migrations ------------------------------------------------------------

TEST_F(OutputFormatTest, MigrationsListsEveryMigrationAndWhetherItIsApplied) {
  std::string config = Config(PluginDir());
  PrepareAt(config, "cloud_manager", 25);

  testing::CommandResult r = Migrate(config, {"--migrations", "-n", "cloud_manager"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, StartsWith("Migrations of cloud_manager (CloudManager), "
                                "current version 25\n"));
  auto rows = ParseTable(r.out, "");
  ASSERT_EQ(rows.size(), 29u) << r.out;
  EXPECT_THAT(rows[0], ElementsAre("Version", "Applied", "Description"));
  for (int v = 1; v <= 28; ++v) {
    SCOPED_TRACE(v);
    ASSERT_EQ(rows[v].size(), 3u);
    EXPECT_EQ(rows[v][0], std::to_string(v));
    EXPECT_EQ(rows[v][1], v <= 25 ? "yes" : "no");
    EXPECT_FALSE(rows[v][2].empty());
  }
  EXPECT_EQ(rows[28][2], "add project hierarchy");
  EXPECT_EQ(rows[1][2], "initial schema");

  testing::CommandResult j =
      Migrate(config, {"--migrations", "-n", "cloud_manager", "-f", "json"});
  EXPECT_EQ(j.exit_code, 0) << j.out << j.err;
  Json doc = MustParse(j.out);
  ASSERT_EQ(JsonArray(doc.at("modules")).size(), 1u) << j.out;
  const Json& m = doc.at("modules").at(0);
  EXPECT_EQ(JsonString(m.at("id")), "cloud_manager");
  EXPECT_EQ(JsonInt(m.at("current")), 25);
  EXPECT_EQ(JsonInt(m.at("latest")), 28);
  const Json& migrations = m.at("migrations");
  ASSERT_EQ(JsonArray(migrations).size(), 28u) << j.out;
  for (int v = 1; v <= 28; ++v) {
    SCOPED_TRACE(v);
    const Json& mig = migrations.at(v - 1);
    EXPECT_THAT(Keys(mig),
                ElementsAre("version", "description", "applied", "reversible"));
    EXPECT_EQ(JsonInt(mig.at("version")), v);
    EXPECT_EQ(JsonString(mig.at("description")), rows[v][2]);
    ASSERT_TRUE(mig.at("applied").is_boolean());
    EXPECT_EQ(JsonBool(mig.at("applied")), v <= 25);
  }

  // After migrating on, the flags follow the recorded version.
  ASSERT_EQ(Migrate(config, {"-n", "cloud_manager"}).exit_code, 0);
  testing::CommandResult after =
      Migrate(config, {"--migrations", "-n", "cloud_manager", "-f", "json"});
  Json doc_after = MustParse(after.out);
  int applied = 0;
  for (const Json& mig :
       JsonArray(doc_after.at("modules").at(0).at("migrations"))) {
    applied += JsonBool(mig.at("applied"));
  }
  EXPECT_EQ(applied, 28) << after.out;
  EXPECT_EQ(RecordedVersion("cloud_manager"), "28");
}

TEST_F(OutputFormatTest, MigrationsViewAppliesNothing) {
  std::string config = Config(PluginDir());
  PrepareAt(config, "cloud_manager", 25);
  const std::string before = Snapshot({"cloud_manager", "dashboard"});
  for (const char* format : {"table", "json"}) {
    testing::CommandResult r = Migrate(
        config, {"--migrations", "-n", "cloud_manager", "dashboard", "-f", format});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  EXPECT_EQ(Snapshot({"cloud_manager", "dashboard"}), before);
  EXPECT_THAT(Tables("dashboard"), IsEmpty());
}

// --- Usage -------------------------------------------------------------------

TEST_F(OutputFormatTest, TwoViewsAtOnceAreAUsageError) {
  std::string config = Config(PluginDir());
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"--status", "--dry-run"},
           {"--status", "--migrations"},
           {"--migrations", "--dry-run", "-f", "json"},
           {"--list", "--status"},
           {"-n", "dashboard", "--dry-run", "--mark-version", "3"},
           {"-n", "dashboard", "--status", "--mark-version", "3"}}) {
    SCOPED_TRACE(absl::StrJoin(args, " "));
    testing::CommandResult r = Migrate(config, args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.out, IsEmpty());
    EXPECT_THAT(r.err, StartsWith("aos-db-migrate: error: "));
    EXPECT_THAT(r.err, HasSubstr("choose one of --list, --status, "
                                 "--migrations, --dry-run, --mark-version, "
                                 "--accept-drift, --check and --forget-controller"));
  }
  testing::CommandResult bad = Migrate(config, {"--status", "-f", "yaml"});
  EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
  EXPECT_THAT(bad.err, HasSubstr("-f/--format takes table, json or value"));
  for (const std::string& m : ShippedModules()) {
    EXPECT_THAT(Tables(m), IsEmpty()) << m;
  }
}

// --- Progress ----------------------------------------------------------------

TEST_F(OutputFormatTest, ProgressGoesToStderrOnlyWhenItIsATerminal) {
  std::string config = Config(PluginDir());
  // Pipes (as in logs and CI): not a progress line, stdout is the report.
  testing::CommandResult piped = Migrate(config, {"-n", "dashboard", "journal"});
  EXPECT_EQ(piped.exit_code, 0) << piped.out << piped.err;
  EXPECT_THAT(piped.err, IsEmpty());
  EXPECT_THAT(piped.out, Not(HasSubstr("connecting")));
  EXPECT_THAT(piped.out, StartsWith("Running db migrate for: dashboard, journal\n"));
  ASSERT_TRUE(FindRow(piped.out, "Dashboard").has_value()) << piped.out;
  EXPECT_EQ(FindRow(piped.out, "Dashboard")->result, "0 -> 11");

  // The same kind of run with stderr on a terminal shows progress there,
  // and the report on stdout is unchanged in form.
  PrepareAt(config, "dashboard", 9);
  testing::CommandResult tty = RunWithTerminalStderr(
      {testing::Runfile("cli/aos-db-migrate"), "--config", config, "-n",
       "dashboard"});
  EXPECT_EQ(tty.exit_code, 0) << tty.out << tty.err;
  EXPECT_THAT(tty.err, HasSubstr("aos-db-migrate: dashboard: connecting ("));
  EXPECT_THAT(tty.err, HasSubstr("aos-db-migrate: dashboard: upgrading 9 -> 10 "
                                 "(add dashboard shares) ("));
  EXPECT_THAT(tty.out, Not(HasSubstr("connecting")));
  ASSERT_TRUE(FindRow(tty.out, "Dashboard").has_value()) << tty.out;
  EXPECT_EQ(FindRow(tty.out, "Dashboard")->result, "9 -> 11");

  // Machine formats and the views stay clean on pipes too.
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"-n", "dashboard", "-f", "json"},
                                             {"-n", "dashboard", "-f", "value"},
                                             {"--status"},
                                             {"--dry-run"},
                                             {"--migrations", "-n", "journal"}}) {
    SCOPED_TRACE(absl::StrJoin(args, " "));
    testing::CommandResult r = Migrate(config, args);
    EXPECT_THAT(r.err, IsEmpty());
  }
}

}  // namespace
}  // namespace aos::e2e
