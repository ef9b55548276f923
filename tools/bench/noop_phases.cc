// noop_phases: where the time of a no-op run goes, phase by phase, using the
// tool's own libraries in one process (no fork, no isolation).
//
//   noop_phases URL_PREFIX PLUGIN.so...
//
// For each plugin, in turn, against database URL_PREFIX + "aos_<module>":
// what a no-op run's check does for a module (module_migrator.cc,
// Run::NothingToDo, run on the parent's threads): open the connection
// (OpenDatabase: libmariadb), the version and the history read in one round
// trip (Database::QueryAll of VersionQuery and HistoryStore::StateQuery:
// the interrupted step and the applied checksums) and the SHA-256
// of every applied step's script, then close. Prints the total of each
// phase over all modules, in ms (in sequence; the tool runs them on up to
// --workers threads).
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/backend/open_database.h"
#include "core/config/connection_url.h"
#include "core/engine/bookkeeping/history_store.h"
#include "core/engine/bookkeeping/version_store.h"
#include "core/plugin/plugin_loader.h"
#include "core/util/hash.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: noop_phases URL_PREFIX PLUGIN.so...\n");
    return 2;
  }
  const std::vector<std::string> phases = {
      "load_plugin", "connect", "read_version_and_state", "sha256_applied",
      "close"};
  std::map<std::string, double> total;
  for (int i = 2; i < argc; ++i) {
    auto t0 = Clock::now();
    auto plugin = aos::plugin::LoadPlugin(argv[i]);
    auto t1 = Clock::now();
    if (!plugin.ok()) {
      std::fprintf(stderr, "%s\n", std::string(plugin.status().message()).c_str());
      return 1;
    }
    total["load_plugin"] += Ms(t0, t1);
    auto url = aos::config::ParseConnectionUrl(
        std::string(argv[1]) + "aos_" + plugin->module_id);
    if (!url.ok()) return 1;
    t0 = Clock::now();
    auto db = aos::backend::OpenDatabase(*url, {});
    t1 = Clock::now();
    if (!db.ok()) {
      std::fprintf(stderr, "%s\n", std::string(db.status().message()).c_str());
      return 1;
    }
    total["connect"] += Ms(t0, t1);
    aos::engine::HistoryStore history(**db, plugin->repository_id);
    t0 = Clock::now();
    auto both = (*db)->QueryAll({aos::engine::VersionQuery(plugin->repository_id),
                                 history.StateQuery()});
    if (!both.ok()) return 1;
    auto version = aos::engine::ParseVersion((*both)[0], plugin->repository_id);
    auto state = aos::engine::HistoryStore::ParseState((*both)[1]);
    t1 = Clock::now();
    total["read_version_and_state"] += Ms(t0, t1);
    if (!version.ok() || state.interrupted) return 1;
    const auto* applied = &state.applied;
    t0 = Clock::now();
    size_t same = 0;
    for (const auto& m : plugin->migrations) {
      if (m.version > *version) break;
      auto it = applied->find(m.version);
      if (it != applied->end() &&
          it->second == aos::util::Sha256Hex(m.upgrade.SqlFor("mysql"))) {
        ++same;
      }
    }
    t1 = Clock::now();
    total["sha256_applied"] += Ms(t0, t1);
    t0 = Clock::now();
    db->reset();
    t1 = Clock::now();
    total["close"] += Ms(t0, t1);
    if (same == 0) return 1;
  }
  double sum = 0;
  for (const std::string& p : phases) {
    std::printf("%s=%.3f\n", p.c_str(), total[p]);
    sum += total[p];
  }
  std::printf("total=%.3f\n", sum);
  return 0;
}
