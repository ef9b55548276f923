// scale_bench: how loading and planning grow with the number of steps.
//
//   scale_bench PLUGIN.so
//
// In one fresh process: LoadPlugin (stat + ownership check, dlopen, the
// plugin's describe call, which builds its descriptor, and the descriptor
// checks and copy), then PlanSteps(0 -> latest). Also, for information,
// what the other per-step passes of a run cost over the whole module:
// splitting every upgrade script (done when a step is applied or a dry run
// is shown) and the SHA-256 of every upgrade script (done by every run,
// including a no-op one, to check applied content). Prints one line:
//   steps=N load_ms=.. plan_ms=.. split_ms=.. sha_ms=.. base_rss_kb=..
//   peak_rss_kb=..
// Peak RSS is getrusage(RUSAGE_SELF).ru_maxrss at the end; base RSS is the
// high-water mark before loading (the process with its libraries).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "Poco/DigestEngine.h"
#include "Poco/SHA2Engine.h"
#include "core/engine/plan/planner.h"
#include "core/plugin/plugin_loader.h"
#include "core/sql/statement_splitter.h"

namespace {

double MsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - t)
      .count();
}

long HighWaterKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: scale_bench PLUGIN.so\n";
    return 2;
  }
  long base_rss_kb = HighWaterKb();

  auto t = std::chrono::steady_clock::now();
  absl::StatusOr<aos::plugin::ModulePlugin> plugin =
      aos::plugin::LoadPlugin(argv[1]);
  double load_ms = MsSince(t);
  if (!plugin.ok()) {
    std::cerr << "scale_bench: " << plugin.status().message() << "\n";
    return 1;
  }

  t = std::chrono::steady_clock::now();
  absl::StatusOr<std::vector<aos::engine::PlannedStep>> plan =
      aos::engine::PlanSteps(*plugin, 0, plugin->LatestVersion());
  double plan_ms = MsSince(t);
  if (!plan.ok() || plan->size() != plugin->migrations.size()) {
    std::cerr << "scale_bench: bad plan\n";
    return 1;
  }

  t = std::chrono::steady_clock::now();
  size_t statements = 0;
  for (const aos::engine::PlannedStep& s : *plan) {
    auto split = aos::sql::SplitStatements(s.step().SqlFor("mysql"), "mysql");
    if (!split.ok()) return 1;
    statements += split->size();
  }
  double split_ms = MsSince(t);

  t = std::chrono::steady_clock::now();
  size_t digest_bytes = 0;
  for (const aos::plugin::Migration& m : plugin->migrations) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(m.upgrade.SqlFor("mysql"));
    digest_bytes += Poco::DigestEngine::digestToHex(engine.digest()).size();
  }
  double sha_ms = MsSince(t);

  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "steps=%zu statements=%zu load_ms=%.3f plan_ms=%.3f split_ms=%.3f "
      "sha_ms=%.3f base_rss_kb=%ld peak_rss_kb=%ld\n",
      plugin->migrations.size(), statements, load_ms, plan_ms, split_ms,
      sha_ms, base_rss_kb, ru.ru_maxrss);
  return digest_bytes > 0 ? 0 : 1;
}
