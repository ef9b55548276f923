// archive_plan.h: nothing a step destroys is lost (issue 27). Before a
// statement that destroys stored values (sql/destructive_statement.h:
// DROP COLUMN, DROP TABLE, TRUNCATE), the Archiver copies what it destroys
// into an archive table of the module's own database, `aos_migration_archive_<n>`
// (the primary key and the dropped columns; a whole table), and records it
// in `aos_migration_archives` (archive_store.h). After a downgrade's
// statements it gives back what the upgrade of the same migration kept
// (archive_restore.h).
//
// It runs inside the step: on MySQL after the statement's ledger record
// and before the statement itself (the record first says the copy is
// under way, then the copy, then the record says it is complete: a crash
// anywhere before the statement leaves the statement to run again, and
// the next run drops an unfinished copy and copies again); on PostgreSQL
// and SQLite in the step's transaction.
//
// Only upgrades are archived: a downgrade's own drops (of what its upgrade
// created) are not, so that a rollback is never refused for the archive's
// sake; a downgrade gives back instead. Temporary tables (`temp.t`,
// `pg_temp.t`, DROP TEMPORARY TABLE) hold nothing to keep.
//
// A step is refused before its first statement (unless the archive is
// off: the operator accepts the loss) when a statement would destroy what
// cannot be kept exactly: a table without a primary key (its rows could
// not be matched on the way back), a column of the primary key, a table
// above archive_max_mib, a table of another schema, a destruction the
// reader cannot read (DROP PARTITION, TRUNCATE ... CASCADE). A statement
// that names an archive's reserved names is refused whether or not the
// archive is on. A statement whose table an earlier statement of the step
// changes is judged right before it runs. A code step is not seen.
#ifndef AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_PLAN_H_
#define AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/backend/database.h"
#include "core/engine/archive/archive_policy.h"
#include "core/engine/archive/archive_restore.h"
#include "core/engine/archive/archive_store.h"
#include "core/sql/destructive_statement.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

class Archiver {
 public:
  Archiver(backend::Database& db, std::string repository_id,
           ArchivePolicy policy)
      : db_(db), store_(db, std::move(repository_id)), policy_(policy) {}

  // Before the step's first statement to run (`first`): the refusals the
  // file comment lists, for the statements whose tables stand as they are.
  absl::Status CheckStep(const std::vector<sql::Statement>& statements,
                         size_t first, bool upgrade);
  // Right before statement `index`: its refusal, else the copies; with
  // `narrowed`, the columns it narrows over values that do not fit
  // (Preflight::Narrowed: the pre-flight lets it run for the archive).
  absl::Status BeforeStatement(int64_t version, bool upgrade,
                               const std::vector<sql::Statement>& statements,
                               size_t index,
                               const std::vector<sql::Destruction>& narrowed = {});
  // After the downgrade of `version` ran its statements.
  absl::Status AfterDowngrade(int64_t version);
  // Retires the archives older than the retention (every one with
  // `purge`); how many it retired. One query when there is none.
  absl::StatusOr<int64_t> Expire(bool purge);

  // What the run gave back, in order.
  const std::vector<RestoredTable>& restored() const { return restored_; }

 private:
  absl::Status Check(const sql::DestructionReading& reading,
                     const std::string& where);
  absl::Status Copy(int64_t version, bool upgrade, int64_t statement,
                    const sql::Destruction& d);
  absl::Status CopyInto(const std::string& archive, const std::string& select,
                        const std::vector<std::string>& keys,
                        const std::string& table);

  backend::Database& db_;
  ArchiveStore store_;
  ArchivePolicy policy_;
  std::vector<RestoredTable> restored_;
};

// The reason a statement names an archive's reserved name, or "".
std::string ReservedNameIn(absl::string_view statement,
                           absl::string_view dialect);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_ARCHIVE_ARCHIVE_PLAN_H_
