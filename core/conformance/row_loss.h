// row_loss.h: what the data walk (data_walk.h) finds lost between two row
// snapshots (row_snapshot.h), and what a module declares it loses.
//  - ArchivedLosses (issue 27): every table and column an upgrade destroyed
//    (the archive kept it) must be back after its downgrade, each row by
//    its primary key with exactly the values it had before the upgrade.
//  - RoundTripLosses (issue 26): a downgrade followed by its upgrade keeps
//    the rows of every table that exists at both points, in every column
//    that exists at both. Rows the upgrade wrote itself (their key was not
//    in the table before it: seeds, rows moved from a dropped table) are
//    the step's own and made again by the upgrade, under new keys and
//    times: only their number is compared.
//  - A loss the module accepts is declared in the migration's up or down
//    script (the one the engine runs) by a comment line of its own:
//        -- aos:loses <table>            every row and column of the table
//        -- aos:loses <table>.<column>   the values of that column
//    A declared loss is not a failure; a declaration of nothing the step
//    loses is stale.
#ifndef AOS_CORE_CONFORMANCE_ROW_LOSS_H_
#define AOS_CORE_CONFORMANCE_ROW_LOSS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/conformance/row_snapshot.h"

namespace aos::conformance {

struct RowLoss {
  std::string table;
  std::string column;  // "": the table's rows
  std::string detail;  // how many rows, the first one

  // "t" or "t.c", as a declaration names it.
  std::string Name() const {
    return column.empty() ? table : table + "." + column;
  }
};

// What an upgrade destroyed: a table's columns, or (none) the whole table.
struct Destroyed {
  std::string table;
  std::vector<std::string> columns;
};

// `before`: right before the upgrade; `after`: after its downgrade.
std::vector<RowLoss> ArchivedLosses(const RowSnapshot& before,
                                    const RowSnapshot& after,
                                    const std::vector<Destroyed>& destroyed);

// `before_up`: right before the upgrade; `before`: right before the
// downgrade; `after`: after the upgrade again.
std::vector<RowLoss> RoundTripLosses(const RowSnapshot& before_up,
                                     const RowSnapshot& before,
                                     const RowSnapshot& after);

// The names ("t", "t.c") a script's `-- aos:loses` lines declare.
std::vector<std::string> DeclaredLosses(absl::string_view script);

// Whether `loss` is declared ("t" declares every loss of t).
bool IsDeclared(const std::vector<std::string>& declared, const RowLoss& loss);

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_ROW_LOSS_H_
