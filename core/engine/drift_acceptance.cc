#include "core/engine/drift_acceptance.h"

#include <unistd.h>

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"
#include "core/backend/open_database.h"
#include "core/engine/drift/accepted_drift_store.h"
#include "core/engine/drift/module_drift.h"
#include "core/engine/locks/held_lock.h"
#include "core/engine/module_failure.h"
#include "core/engine/module_state.h"

namespace aos::engine {
namespace {

// The present differences, recorded (and returned, all accepted now).
absl::StatusOr<report::DriftInfo> Accept(backend::Database& db, const plugin::ModulePlugin& module,
                                         const ModuleState& state, const MigrateOptions& options) {
  if (absl::Status st = RunBlocker(state, module, /*has_work=*/false); !st.ok()) {
    return st;
  }
  if (state.interrupted || (state.resume && state.resume->applied > 0)) {
    return absl::FailedPreconditionError(
        "drift is not known while a step is left part-way: let a run "
        "resume it (or repair it) first; nothing was accepted");
  }
  absl::StatusOr<report::DriftInfo> drift =
      ReadModuleDrift(db, module, state.version, options.drift);
  if (!drift.ok()) return drift.status();
  if (!drift->known) {
    return absl::FailedPreconditionError(
        absl::StrCat("drift: not known (", drift->not_known, "); nothing was accepted"));
  }
  if (absl::Status st = AcceptedDriftStore(db, module.repository_id).Replace(drift->items);
      !st.ok()) {
    return backend::WithContext(st, "Error while recording accepted drift: ");
  }
  for (report::DriftItem& item : drift->items) item.accepted = true;
  return *std::move(drift);
}

}  // namespace

report::ModuleResult AcceptModuleDrift(const plugin::ModulePlugin& module,
                                       const config::ConnectionUrl& url,
                                       const MigrateOptions& options) {
  report::ModuleResult result;
  result.module_id = module.module_id;
  result.display_name = module.display_name;
  // A database that does not exist yet has nothing to accept; opening a
  // missing SQLite file would create it.
  if (url.dialect == "sqlite" && !url.database.empty() && access(url.database.c_str(), F_OK) != 0) {
    result.ok = true;
    result.accepted_drift = 0;
    return result;
  }
  auto failed = [&result](absl::string_view phase, const absl::Status& st) {
    SetFailure(&result, phase, st);
    return result;
  };
  absl::StatusOr<std::unique_ptr<backend::Database>> db =
      backend::OpenDatabase(url, options.session);
  if (!db.ok()) return failed(kReadPhase, db.status());
  LockSettings settings{options.lock_timeout_seconds, options.lease_seconds, options.session};
  absl::StatusOr<HeldLock> lock =
      TakeModuleLock(**db, url, module.repository_id, settings, [](const std::string&) {});
  if (!lock.ok()) return failed(kReadPhase, lock.status());
  absl::StatusOr<ModuleState> state = ReadModuleState(**db, module);
  if (!state.ok()) return failed(kReadPhase, state.status());
  result.from = result.to = state->version;
  absl::StatusOr<report::DriftInfo> accepted = Accept(**db, module, *state, options);
  if (!accepted.ok()) return failed("", accepted.status());
  if (absl::Status st = lock->Release(); !st.ok()) {
    return failed("Error while releasing the migration lock: ", st);
  }
  result.ok = true;
  result.accepted_drift = static_cast<int64_t>(accepted->items.size());
  result.drift = *std::move(accepted);  // JSON: "drift_accepted"
  return result;
}

}  // namespace aos::engine
