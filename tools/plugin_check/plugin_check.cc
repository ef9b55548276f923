// aos-plugin-check: the per-module CI kit. Checks one plugin the way the
// core will use it (core/conformance/plugin_conformance.h) and prints one
// PASS/FAIL line per check, with a readable schema diff on failure.
//
//   aos-plugin-check path/to/libdashboard.so
//       [--database URL]...            walk on these (empty) databases;
//                                      the MySQL resume walk drops and
//                                      creates them again
//                                      (core/conformance/resume_walk.h)
//       [--engines mysql,sqlite,postgresql]
//                                      or start throwaway ones (default mysql)
//       [--previous-queries=N:FILE]    the previous release (latest migration
//                                      N) runs the SQL of FILE: it must work
//                                      at N and after every expand and
//                                      migrate step above N
//
// Exit status: 0 every check passed, 1 some failed, 2 usage error.
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/conformance/plugin_conformance.h"
#include "core/conformance/data_walk.h"
#include "core/conformance/resume_walk.h"
#include "core/plugin/plugin_loader.h"
#include "tools/testing/command_runner.h"
#include "tools/testing/mariadb_server.h"
#include "tools/testing/postgresql_server.h"

namespace {

int Usage(const std::string& message) {
  std::cerr << "aos-plugin-check: " << message << "\n"
            << "usage: aos-plugin-check PLUGIN.so [--database URL]... "
               "[--engines mysql,sqlite,postgresql] "
               "[--previous-queries=N:FILE]\n";
  return 2;
}

bool Report(const std::string& where,
            const std::vector<aos::conformance::CheckResult>& results) {
  bool ok = true;
  for (const auto& r : results) {
    std::cout << (r.ok ? "PASS " : "FAIL ") << where << r.name << "\n";
    if (!r.ok) {
      ok = false;
      for (absl::string_view line : absl::StrSplit(r.detail, '\n')) {
        if (!line.empty()) std::cout << "    " << line << "\n";
      }
    }
  }
  return ok;
}

// Starts a throwaway server (or file) of `engine` and returns an empty
// database's URL; the servers live until the process ends.
std::string ThrowawayDatabase(const std::string& engine,
                              const std::string& module, std::string* error) {
  static aos::testing::MariadbServer mariadb;
  static aos::testing::PostgresqlServer postgresql;
  if (engine == "mysql") {
    absl::Status st = mariadb.Start();
    if (st.ok()) st = mariadb.Execute("CREATE DATABASE conformance_" + module);
    if (!st.ok()) *error = std::string(st.message());
    return mariadb.Url("conformance_" + module);
  }
  if (engine == "postgresql") {
    absl::Status st = postgresql.Start();
    if (st.ok()) st = postgresql.Execute("CREATE DATABASE conformance_" + module);
    if (!st.ok()) *error = std::string(st.message());
    return postgresql.Url("conformance_" + module);
  }
  if (engine == "sqlite") {
    return absl::StrCat("sqlite:///", aos::testing::NewTempDir("conformance."),
                        "/", module, ".sqlite");
  }
  *error = absl::StrCat("unknown engine '", engine,
                        "' (mysql, sqlite or postgresql)");
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  std::string plugin_path;
  std::vector<std::string> urls;
  std::vector<std::string> engines;
  aos::conformance::WalkOptions walk;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--database" && i + 1 < argc) {
      urls.push_back(argv[++i]);
    } else if (arg.rfind("--previous-queries=", 0) == 0) {
      std::string value = arg.substr(19);
      size_t colon = value.find(':');
      if (colon == std::string::npos ||
          !absl::SimpleAtoi(value.substr(0, colon), &walk.previous_release) ||
          walk.previous_release < 1) {
        return Usage("expected --previous-queries=N:FILE, N the previous "
                     "release's latest migration");
      }
      std::ifstream in(value.substr(colon + 1));
      std::stringstream text;
      text << in.rdbuf();
      if (!in || text.str().empty()) {
        return Usage("cannot read the queries in " + value.substr(colon + 1));
      }
      walk.previous_queries = text.str();
    } else if (arg.rfind("--engines=", 0) == 0) {
      engines = absl::StrSplit(arg.substr(10), ',', absl::SkipEmpty());
    } else if (arg.rfind("--", 0) == 0 || !plugin_path.empty()) {
      return Usage("unexpected argument '" + arg + "'");
    } else {
      plugin_path = arg;
    }
  }
  if (plugin_path.empty()) return Usage("name the plugin to check");
  if (urls.empty() && engines.empty()) engines = {"mysql"};

  absl::StatusOr<aos::plugin::ModulePlugin> module =
      aos::plugin::LoadPlugin(plugin_path);
  if (!module.ok()) {
    std::cout << "FAIL load: " << module.status().message() << "\n";
    return 1;
  }
  std::cout << "aos-plugin-check: " << plugin_path << " (module "
            << module->module_id << ")\n";
  bool ok = Report("", aos::conformance::CheckDescriptor(*module));
  for (const std::string& engine : engines) {
    std::string error;
    std::string url = ThrowawayDatabase(engine, module->module_id, &error);
    if (!error.empty()) {
      std::cout << "FAIL " << engine << ": start a throwaway database\n    "
                << error << "\n";
      ok = false;
      continue;
    }
    urls.push_back(url);
  }
  for (const std::string& text : urls) {
    absl::StatusOr<aos::config::ConnectionUrl> url =
        aos::config::ParseConnectionUrl(text);
    if (!url.ok()) return Usage(std::string(url.status().message()));
    std::vector<aos::conformance::CheckResult> snake =
        aos::conformance::SnakeWalk(*module, *url,
                                    [](const std::string&) {}, walk);
    const bool snake_ok =
        std::all_of(snake.begin(), snake.end(),
                    [](const aos::conformance::CheckResult& r) { return r.ok; });
    ok &= Report(url->dialect + ": ", snake);
    // With data, from the version the snake walk leaves (its base): only
    // after a walk that passed.
    if (snake_ok) {
      ok &= Report(url->dialect + ": ",
                   aos::conformance::DataWalk(*module, *url,
                                              [](const std::string&) {}));
    }
    ok &= Report(url->dialect + ": ",
                 aos::conformance::ResumeWalk(*module, *url,
                                              [](const std::string&) {}));
  }
  return ok ? 0 : 1;
}
