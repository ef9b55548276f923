#include "core/engine/ddl/online_alter.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/util/child_process.h"

namespace aos::engine {
namespace {

constexpr char kInstall[] = "install it with: apt-get install percona-toolkit";

// The program's path: as given when it has a slash, else found on PATH.
std::string Resolve(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  const char* path = std::getenv("PATH");
  for (absl::string_view dir :
       absl::StrSplit(path ? path : "/usr/bin:/bin", ':')) {
    std::string candidate = absl::StrCat(dir.empty() ? "." : dir, "/", program);
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// A value of a MySQL option file, quoted.
std::string OptionValue(const std::string& v) {
  std::string q = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

// The connection's settings in a private option file that no other
// process can open: it is unlinked as soon as written, and pt-osc reads it
// through the descriptor it inherits (/dev/fd/N, which it may open again
// to reconnect). Nothing is left on disk, even by a killed run.
class OptionFile {
 public:
  OptionFile() = default;
  OptionFile(const OptionFile&) = delete;
  OptionFile& operator=(const OptionFile&) = delete;
  ~OptionFile() {
    if (fd_ >= 0) close(fd_);
  }
  absl::Status Write(const config::ConnectionUrl& url) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = absl::StrCat(tmp && *tmp ? tmp : "/tmp",
                                       "/aos-db-migrate-ptosc.XXXXXX");
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    fd_ = mkstemp(name.data());  // 0600, inherited across exec
    if (fd_ < 0) {
      return absl::InternalError(
          "cannot create a private option file for pt-online-schema-change");
    }
    unlink(name.data());
    std::string text =
        absl::StrCat("[client]\nuser=", OptionValue(url.user),
                     "\npassword=", OptionValue(url.password), "\n");
    if (auto it = url.query.find("unix_socket"); it != url.query.end()) {
      absl::StrAppend(&text, "socket=", OptionValue(it->second),
                      "\nhost=localhost\n");
    } else {
      absl::StrAppend(&text, "host=", OptionValue(url.host),
                      "\nport=", url.port.value_or(3306), "\n");
    }
    if (write(fd_, text.data(), text.size()) !=
        static_cast<ssize_t>(text.size())) {
      return absl::InternalError(
          "cannot write the option file for pt-online-schema-change");
    }
    return absl::OkStatus();
  }
  int fd() const { return fd_; }
  std::string path() const { return absl::StrCat("/dev/fd/", fd_); }

 private:
  int fd_ = -1;
};

// The DSN part that cannot carry a comma or an equals sign.
bool DsnSafe(const std::string& v) {
  return v.find(',') == std::string::npos && v.find('=') == std::string::npos;
}

absl::StatusOr<int64_t> Count(backend::Database& db, const std::string& sql,
                              const std::vector<backend::SqlValue>& params) {
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(sql, params);
  if (!rows.ok()) return rows.status();
  if (rows->empty() || rows->front().empty() || !rows->front()[0]) return 0;
  return std::stoll(*rows->front()[0]);
}

}  // namespace

std::string OnlineToolMissing(const std::string& program) {
  if (program.empty()) {
    return absl::StrCat("pt_online_schema_change is empty in the config; ",
                        kInstall);
  }
  if (Resolve(program).empty() || access(Resolve(program).c_str(), X_OK) != 0) {
    return absl::StrCat(program, " is not installed (", kInstall, ")");
  }
  return "";
}

absl::Status OnlineAlterPossible(backend::Database& db,
                                 const std::string& table) {
  absl::StatusOr<int64_t> keys =
      Count(db,
            "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE "
            "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0",
            {table});
  if (!keys.ok()) return keys.status();
  if (*keys == 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "table ", table,
        " has no primary or unique key, which "
        "pt-online-schema-change needs to copy it in chunks and keep the "
        "copy in sync"));
  }
  absl::StatusOr<int64_t> triggers =
      Count(db,
            "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE "
            "EVENT_OBJECT_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = ? AND "
            // A killed pt-osc's own: ClearOnlineLeftovers drops them.
            "TRIGGER_NAME NOT LIKE 'pt\\_osc\\_%'",
            {table});
  if (!triggers.ok()) return triggers.status();
  if (*triggers > 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("table ", table,
                     " has triggers, which pt-online-schema-change "
                     "would have to drop and create again around its own"));
  }
  absl::StatusOr<int64_t> keys_either_way = Count(
      db,
      "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE "
      "CONSTRAINT_SCHEMA = DATABASE() AND (TABLE_NAME = ? OR "
      "REFERENCED_TABLE_NAME = ?)",
      {table, table});
  if (!keys_either_way.ok()) return keys_either_way.status();
  if (*keys_either_way > 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "table ", table,
        " has or is referenced by a foreign key, which "
        "pt-online-schema-change would rename or leave pointing at the old "
        "table"));
  }
  return absl::OkStatus();
}

absl::Status ClearOnlineLeftovers(backend::Database& db,
                                  const std::string& table) {
  absl::StatusOr<std::vector<backend::Row>> triggers = db.Query(
      "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE "
      "EVENT_OBJECT_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = ? AND "
      "TRIGGER_NAME LIKE 'pt\\_osc\\_%'",
      {table});
  if (!triggers.ok()) return triggers.status();
  for (const backend::Row& r : *triggers) {
    if (r.empty() || !r[0]) continue;
    absl::Status st = db.Execute(
        absl::StrCat("DROP TRIGGER IF EXISTS ", sql::QuoteIdentifier(*r[0])));
    if (!st.ok()) return st;
  }
  if (triggers->empty()) return absl::OkStatus();  // no run was cut short
  return db.Execute(absl::StrCat("DROP TABLE IF EXISTS ",
                                 sql::QuoteIdentifier("_" + table + "_new")));
}

namespace {

// Milliseconds as pt-online-schema-change's seconds: 250 -> "0.250".
std::string Seconds(int64_t ms) {
  return absl::StrFormat("%d.%03d", ms / 1000, ms % 1000);
}

// pt-online-schema-change's command line: the ALTER, the load limits, the
// option file that holds the credentials, and the table.
std::vector<std::string> PtOscArguments(const config::ConnectionUrl& url,
                                        const std::string& table,
                                        const std::string& alter_spec, bool galera,
                                        const OnlineAlterTool& tool,
                                        const std::string& option_file) {
  std::vector<std::string> args = {
      Resolve(tool.program),
      "--alter",
      alter_spec,
      "--execute",
      "--no-version-check",
      "--recursion-method=none",
      "--charset=utf8mb4",
      "--max-load",
      tool.max_load,
      "--critical-load",
      tool.critical_load,
      "--progress",
      "time,30",  // a line every 30 s: progress, and a sign of life
      "--chunk-time",
      Seconds(tool.chunk_ms),
      absl::StrCat("F=", option_file, ",D=", url.database, ",t=", table)};
  const int64_t sleep_ms =
      galera ? std::max(tool.sleep_ms, tool.galera_pause_ratio * tool.chunk_ms) : tool.sleep_ms;
  if (sleep_ms > 0) args.insert(args.end() - 1, {"--sleep", Seconds(sleep_ms)});
  if (galera) {
    args.insert(args.end() - 1, {"--max-flow-ctl", tool.max_flow_ctl});
  }
  return args;
}

// Starts `args` with stdout and stderr on the child's pipe and the option
// file's descriptor inherited. The child is killed when this process dies
// (PR_SET_PDEATHSIG), so that no pt-osc goes on copying unwatched after a
// killed run, whose successor clears what it left (ClearOnlineLeftovers);
// it stays in this process's group, which a module's time limit kills.
absl::StatusOr<util::ChildProcess> StartWatched(
    const std::vector<std::string>& args, const OptionFile& options) {
  util::ChildOptions child;
  child.own_process_group = false;
  child.inherited_fds = {options.fd()};
  absl::StatusOr<util::ChildProcess> started =
      util::ChildProcess::Exec(args, child);
  if (started.ok()) return started;
  const bool no_pipe =
      started.status().code() == absl::StatusCode::kResourceExhausted;
  return absl::InternalError(absl::StrCat("cannot start pt-online-schema-change (",
                                          no_pipe ? "pipe" : "fork", ")"));
}

// Reads the tool's output to its end, telling its "Copying" lines as
// progress (a percentage where they give one); returns its last lines, for
// a failure.
std::string ReadProgress(util::ChildProcess& tool,
                         const std::function<void(const std::string&)>& progress,
                         const std::function<void(int64_t)>& percent) {
  std::string output;
  std::string rest;  // after the last line: a line not ended
  tool.ReadLines(
      absl::InfiniteFuture(),
      [&](absl::string_view line) {
        if (std::optional<int64_t> p = PtOscCopyPercent(line)) {
          percent(*p);
        } else if (absl::StartsWith(line, "Copying")) {
          progress(absl::StrCat("pt-online-schema-change: ", line));
        }
        absl::StrAppend(&output, line, "\n");
        if (output.size() > 8192) output.erase(0, output.size() - 4096);
      },
      &rest);
  absl::StrAppend(&output, rest);
  return output;
}

// The tool's exit status `status` and last lines `output` as a result.
absl::Status OnlineOutcome(int status, const std::string& output,
                           const OnlineAlterTool& tool) {
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return absl::OkStatus();
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && output.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot start ", tool.program, " (", kInstall, ")"));
  }
  std::string tail =
      output.size() > 1500 ? output.substr(output.size() - 1500) : output;
  return absl::AbortedError(absl::StrCat(
      "pt-online-schema-change failed (",
      WIFEXITED(status) ? absl::StrCat("exit ", WEXITSTATUS(status))
                        : absl::StrCat("signal ", WTERMSIG(status)),
      "): ", tail));
}

}  // namespace

std::string OnlineActivity(const std::string& table, const std::string& warning) {
  return absl::StrCat("changing ", table, " online through pt-online-schema-change",
                      warning.empty() ? "" : absl::StrCat(" (warning: ", warning, ")"));
}

std::optional<int64_t> PtOscCopyPercent(absl::string_view line) {
  if (!absl::StartsWith(line, "Copying ") || !absl::EndsWith(line, " remain")) {
    return std::nullopt;
  }
  // The last "NN% " before the time left: a table's name may hold a '%'.
  size_t sign = line.rfind("% ");
  if (sign == absl::string_view::npos) return std::nullopt;
  size_t digits = sign;
  while (digits > 0 && absl::ascii_isdigit(line[digits - 1])) --digits;
  int64_t value = 0;
  if (digits == sign || sign - digits > 3 ||
      !absl::SimpleAtoi(line.substr(digits, sign - digits), &value) || value > 100) {
    return std::nullopt;
  }
  return value;
}

absl::Status RunOnlineAlter(const config::ConnectionUrl& url, const std::string& table,
                            const std::string& alter_spec, bool galera, const OnlineAlterTool& tool,
                            const std::function<void(const std::string&)>& progress,
                            const std::function<void(int64_t)>& percent) {
  if (std::string missing = OnlineToolMissing(tool.program); !missing.empty()) {
    return absl::FailedPreconditionError(missing);
  }
  if (!DsnSafe(url.database) || !DsnSafe(table)) {
    return absl::FailedPreconditionError(
        "pt-online-schema-change cannot name a database or table with a "
        "comma or an equals sign");
  }
  OptionFile options;
  if (absl::Status st = options.Write(url); !st.ok()) return st;
  absl::StatusOr<util::ChildProcess> pt_osc = StartWatched(
      PtOscArguments(url, table, alter_spec, galera, tool, options.path()), options);
  if (!pt_osc.ok()) return pt_osc.status();
  const std::string output = ReadProgress(*pt_osc, progress, percent);
  return OnlineOutcome(pt_osc->Reap(), output, tool);
}

}  // namespace aos::engine
