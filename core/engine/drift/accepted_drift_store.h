// accepted_drift_store.h: the differences an operator accepted with
// --accept-drift (issue 29), one row each in aos_migration_drift_accepted
// (a bookkeeping table, bookkeeping_tables.h: left out of every schema
// comparison): repository id, object, kind, expected and actual
// definitions, when and on which host. An acceptance silences exactly the
// difference it recorded: the same object, kind, expected and actual; one
// that changed since (or went away) no longer matches and is replaced by
// the next --accept-drift.
#ifndef AOS_CORE_ENGINE_DRIFT_ACCEPTED_DRIFT_STORE_H_
#define AOS_CORE_ENGINE_DRIFT_ACCEPTED_DRIFT_STORE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/report/drift_info.h"

namespace aos::engine {

class AcceptedDriftStore {
 public:
  AcceptedDriftStore(backend::Database& db, std::string repository_id)
      : db_(db), repository_id_(std::move(repository_id)) {}

  // The module's acceptances (`accepted` set); none when the table is
  // missing. Reads only.
  absl::StatusOr<std::vector<report::DriftItem>> Load();

  // The module's acceptances become exactly `items` (the table made where
  // missing), in one transaction.
  absl::Status Replace(const std::vector<report::DriftItem>& items);

 private:
  absl::Status EnsureTable();

  backend::Database& db_;
  std::string repository_id_;
};

// Marks each of `items` that one of `accepted` recorded as it is now.
void MarkAccepted(const std::vector<report::DriftItem>& accepted,
                  std::vector<report::DriftItem>& items);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DRIFT_ACCEPTED_DRIFT_STORE_H_
