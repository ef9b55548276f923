// controller_registry.h: which controller (host) runs which release of a
// module's plugin, kept in the module's own database, table
// aos_migration_controllers, so that a contract step of a rolling upgrade
// (rolling_plan.h) runs only once no controller still runs a release that
// needs what it removes.
//
// Every migrate run records its controller: its identity (ControllerId:
// the config's controller_name, else the host name, with the machine's
// id), its plugin's latest version and release, and the server's time
// (its last start). A settled module's row is written again only when it
// changed or is an hour old, so a controller start that has nothing to do
// costs no write. A row counts until its controller registers another
// release or is forgotten (Forget, --forget-controller): the clock forgets
// nobody unless the operator asks (rolling_plan.h, window_seconds).
#ifndef AOS_CORE_ENGINE_PLAN_CONTROLLER_REGISTRY_H_
#define AOS_CORE_ENGINE_PLAN_CONTROLLER_REGISTRY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/plugin/module_plugin.h"

namespace aos::engine {

// A controller's identity: its name and its machine's id, kept as one key
// "name@machine-id" (column host, the table's key with repository_id), so
// that two controllers of one name (VMs cloned with the default host name)
// are two rows. The name alone when the machine has no id, and in the rows
// an aos-db-migrate without machine ids wrote.
struct ControllerId {
  std::string name;
  std::string machine_id;  // 32 hex digits (host_identity.h), or ""

  std::string Key() const;
  // The identity a key stands for (a key that is not name@<machine id> is
  // a name alone).
  static ControllerId FromKey(const std::string& key);
};

// This controller: `configured_name` (controller_name; "": the host name)
// on this machine (host_identity.h, MachineId).
ControllerId ThisController(const std::string& configured_name);

struct ControllerRecord {
  std::string host;  // its identity's key (ControllerId::Key)
  int64_t latest = 0;       // the plugin's latest version on that host
  std::string release;      // the plugin's own release ("" if none)
  int64_t last_seen = 0;    // seconds since the epoch, the server's clock
  int64_t age_seconds = 0;  // now - last_seen, the server's clock

  ControllerId id() const { return ControllerId::FromKey(host); }
};

class ControllerRegistry {
 public:
  ControllerRegistry(backend::Database& db, std::string repository_id)
      : db_(db), repository_id_(std::move(repository_id)) {}

  // The module's controllers, newest first; {} when the table is missing.
  absl::StatusOr<std::vector<ControllerRecord>> List();
  // List in two halves, for a caller that sends the query with others
  // (module_state.h): the query fails when the table is missing.
  backend::BoundStatement ListQuery() const;
  static std::vector<ControllerRecord> ParseList(
      const std::vector<backend::Row>& rows);

  // Whether `seen` (a controller's row as read) already says it runs
  // `module` and is less than an hour old: then Record writes nothing.
  static bool IsCurrent(const plugin::ModulePlugin& module,
                        const std::optional<ControllerRecord>& seen);

  // Records the controller of key `host` running `module` now, unless
  // `seen` (its row as read) already says so and is less than an hour old.
  absl::Status Record(const std::string& host,
                      const plugin::ModulePlugin& module,
                      const std::optional<ControllerRecord>& seen);

  // Forgets a decommissioned controller, named by its key or, when no key
  // is `controller`, by its name; whether it was there. Refused
  // (kFailedPrecondition, naming their keys) when several controllers
  // have that name: a clone still serving must not go with the other.
  absl::StatusOr<bool> Forget(const std::string& controller);

 private:
  absl::Status EnsureTable();

  backend::Database& db_;
  std::string repository_id_;
};

// "2026-12-01 17:05:04 UTC" for a time in seconds since the epoch.
std::string FormatUtc(int64_t epoch_seconds);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_PLAN_CONTROLLER_REGISTRY_H_
