#include "core/report/statement_cost.h"

#include "absl/strings/str_cat.h"

namespace aos::report {
namespace {

std::string AlgorithmWords(const std::string& id) {
  if (id == "inplace") return "in-place";
  if (id == "inplace_locks_writes") return "in-place, locks writes";
  if (id == "copy") return "copy (the table is rebuilt)";
  if (id == "catalog") return "catalog-only change";
  if (id == "rewrite") return "rewrite (the table is rewritten)";
  if (id == "locks_writes") return "index build, locks writes";
  if (id == "scan") return "every row checked under an exclusive lock";
  if (id == "one_transaction") return "one transaction over the table";
  return id;
}

std::string Size(const StatementCost& c) {
  if (!c.rows) return "size unknown";
  std::string s = absl::StrCat("~", *c.rows, " rows");
  if (c.bytes) {
    absl::StrAppend(&s, ", ", (*c.bytes + (1 << 19)) >> 20, " MiB");
  }
  return s;
}

}  // namespace

std::string StatementCost::Describe() const {
  std::string s = absl::StrCat("table ", table, " (", Size(*this),
                               "): ", AlgorithmWords(algorithm));
  if (batch == "batched") {
    absl::StrAppend(&s, " in ",
                    chunks ? absl::StrCat("~", *chunks) : std::string("its"),
                    " chunks of its key ", key);
  }
  if (!note.empty() && batch == "not_batchable") {
    absl::StrAppend(&s, " (not batchable: ", note, ")");
  }
  if (!note.empty() && algorithm == "unknown") {
    absl::StrAppend(&s, " (", note, ")");
  }
  if (blocks.empty()) {
    s += ", blocks nothing";
  } else if (blocks == "cluster") {
    s += ", blocks the whole cluster (Galera TOI)";
  } else if (blocks == "reads_writes") {
    absl::StrAppend(&s, ", blocks reads and writes of ", table);
  } else {
    absl::StrAppend(&s, ", blocks writes to ", table);
  }
  return s;
}

std::string StatementCost::Short() const {
  return absl::StrCat(blocks == "reads_writes" ? "reads and writes" : blocks,
                      ": ", table);
}

}  // namespace aos::report
