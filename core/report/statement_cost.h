// statement_cost.h: what one DDL statement of a pending step would cost
// the services while it runs, as the server answered (engine/ddl_cost.h):
// the table, its size, how the server would execute the statement, and
// who would wait. Shown by --dry-run and --status; a run refuses what
// blocks on a big table.
#ifndef AOS_CORE_REPORT_STATEMENT_COST_H_
#define AOS_CORE_REPORT_STATEMENT_COST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aos::report {

struct StatementCost {
  int64_t statement = 0;  // from 1, in its step
  std::string table;
  // The server's estimate; nullopt when it could not be read.
  std::optional<int64_t> rows;
  std::optional<int64_t> bytes;  // data and indexes
  // MySQL: "instant", "inplace" (online, writes allowed),
  // "inplace_locks_writes", "copy" (the table is rebuilt), "unknown".
  // PostgreSQL: "catalog" (a catalog-only change), "rewrite" (the table
  // is rewritten), "scan" (no rewrite, but every row is checked),
  // "locks_writes" (an index is built).
  std::string algorithm;
  // Who waits while it runs: "" nobody, "writes" (writes to the table),
  // "reads_writes" (everything on the table), "cluster" (Galera's total
  // order isolation: every statement on every node).
  std::string blocks;
  bool refused = false;  // blocks on a table at or above the limits
  bool online = false;   // runs through pt-online-schema-change instead
  // Why the algorithm is unknown, or why it cannot run online; "" if no
  // reason.
  std::string note;
  // Issue 28, the DML gate (engine/batch/dml_gate.h): a big UPDATE, DELETE
  // or INSERT ... SELECT is "batched" (algorithm "batched": in chunks of
  // the primary key `key`, "id" or "(project_id, id)", of the columns
  // `key_columns`, ~`chunks` of them at the first chunk's size) or
  // "not_batchable" (algorithm "one_transaction", why in `note`); "" for a
  // DDL statement.
  std::string batch;
  std::string key;
  std::vector<std::string> key_columns;
  std::optional<int64_t> chunks;

  // "table events (~2000000 rows, 305 MiB): copy (the table is rebuilt),
  // blocks writes to events".
  std::string Describe() const;
  // "writes: events", "cluster: events" for a table Note.
  std::string Short() const;
};

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_STATEMENT_COST_H_
