// row_generator.h: the conformance kit's generated rows (data_walk.h).
// Fills each of a module's tables (not the tool's bookkeeping) up to a
// number of rows with values made from a running counter, so that a walk
// is reproducible: integers and strings distinct per row (cut to the
// column's length), dates and times apart, a MySQL ENUM's or PostgreSQL
// enum's labels in turn, every seventh value of a nullable column NULL, a
// foreign key's column drawn from its parent's rows (parents filled first),
// auto-increment, identity and generated columns left to the server. A row
// the server refuses (a CHECK, a unique key over few values) is left out:
// the fill says how many and why.
#ifndef AOS_CORE_CONFORMANCE_ROW_GENERATOR_H_
#define AOS_CORE_CONFORMANCE_ROW_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"

namespace aos::conformance {

struct Fill {
  int64_t inserted = 0;
  // Tables the generator could not fill, or rows it left out, with why.
  std::vector<std::string> notes;
};

// Adds rows to every table holding fewer than `rows`; `*counter` is the
// running counter (advanced by each generated row).
absl::StatusOr<Fill> FillTables(backend::Database& db, int64_t rows,
                                int64_t* counter);

}  // namespace aos::conformance

#endif  // AOS_CORE_CONFORMANCE_ROW_GENERATOR_H_
