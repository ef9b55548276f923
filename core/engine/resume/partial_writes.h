// partial_writes.h: whether a DML statement a step left failed or
// interrupted may have written part of its rows for good. On InnoDB a
// failed statement is rolled back, and a statement commits together with
// its ledger record (statement_ledger.h), so running it again is exact. A
// table of any other engine (MyISAM, Aria, MEMORY, ...) keeps the rows the
// statement wrote before it stopped, and a sequence the values it handed
// out: running the statement again would write them twice, and nothing
// tells how many it wrote. Such a statement is a person's to look at.
//
// Conservative: every identifier of the statement that is the name of a
// table, view, sequence or routine of the connected database counts,
// wherever it stands (a column of the same name included), and so do the
// names in the definitions of the views, the triggers of the tables and
// the bodies of the routines reached, followed until nothing new is
// reached. A routine whose body cannot be read, or a statement whose text
// is not known, reaches every table.
#ifndef AOS_CORE_ENGINE_RESUME_PARTIAL_WRITES_H_
#define AOS_CORE_ENGINE_RESUME_PARTIAL_WRITES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/engine/bookkeeping/statement_ledger.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

// The objects of one database that a statement may write through.
struct SchemaObjects {
  struct Table {
    std::string name;
    std::string type;    // BASE TABLE, VIEW, SEQUENCE, SYSTEM VERSIONED
    std::string engine;  // "" for a view
  };
  struct Body {  // a view's definition, a trigger's or a routine's body
    std::string owner;  // the view, the trigger's table, the routine
    std::optional<std::string> text;  // nullopt: cannot be read
  };
  std::vector<Table> tables;  // views too
  std::vector<Body> views;
  std::vector<Body> triggers;
  std::vector<Body> routines;
};

// The tables of `objects` that keep a stopped statement's writes, as
// "`t` (MyISAM)", among those `identifiers` (nullopt: unknown) reach.
std::vector<std::string> NonTransactionalReached(
    const SchemaObjects& objects,
    const std::optional<std::vector<std::string>>& identifiers);

// The connected database's objects (one round trip).
absl::StatusOr<SchemaObjects> ReadSchemaObjects(backend::Database& db);

// Why the step cannot resume at statement `applied` + 1 of `now`: it is a
// DML statement that failed or was interrupted (the ledger's `running`;
// without a ledger, a failed one) and may have written in part. "" when
// it did not run, is not DML, or writes only InnoDB tables.
absl::StatusOr<std::string> PartialWrites(backend::Database& db,
                                          const std::vector<sql::Statement>& now,
                                          const LedgerRow* ledger,
                                          bool interrupted, int64_t applied);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_RESUME_PARTIAL_WRITES_H_
