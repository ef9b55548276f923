// rolling_queries.h: a service of a Monitor release, simulated by its
// statements (testdata/rolling/monitor_previous_queries.sql, the release at 8,
// and monitor_next_queries.sql, the release at 11), run against a module's
// database on any engine, for the rolling-upgrade tests (issue 18).
#ifndef AOS_CLI_E2E_ROLLING_QUERIES_H_
#define AOS_CLI_E2E_ROLLING_QUERIES_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace aos::e2e {

// The runfiles paths of the two files.
inline constexpr char kPreviousQueries[] =
    "testdata/rolling/monitor_previous_queries.sql";
inline constexpr char kNextQueries[] =
    "testdata/rolling/monitor_next_queries.sql";

// What the statement 8 of either file (the API's list of the probe's
// metrics, name and unit) returns after the whole file ran.
std::vector<std::string> ExpectedMetricRows();

// The statements of a queries file (its runfiles path), in order: comment
// lines dropped, split at ';'.
std::vector<std::string> QueryFileStatements(const std::string& runfile);

// Runs one statement on the module's database: its rows (columns joined by
// tab), or the server's error.
using StatementRunner =
    std::function<absl::StatusOr<std::vector<std::string>>(const std::string&)>;

struct QueryFileRun {
  absl::Status status;       // the first failure, or OK
  int failed_statement = 0;  // 1-based; 0 when every statement succeeded
  std::vector<std::vector<std::string>> rows;  // of each statement that ran
};

// Runs the file's statements in order, stopping at the first failure.
QueryFileRun RunQueryFile(const std::string& runfile, const StatementRunner& run);

// Expects the file's statements to run (fatal failure otherwise) and its
// statement 8 (the API's list of metrics) to read back what it wrote.
void ExpectServiceWorks(const std::string& runfile, const StatementRunner& run);

// Expects the old release's service (kPreviousQueries) to break once unit is
// gone: its first statement naming the column (4, an INSERT of a metric with
// its unit) fails, saying so.
void ExpectOldServiceBroken(const StatementRunner& run);

// The probe rows where the old column (unit) and the new one
// (measurement_unit) differ: empty while the v9 triggers keep them in sync.
inline constexpr char kUnsyncedProbeRows[] =
    "SELECT m.name FROM metrics m JOIN metric_sources s ON s.id = m.source_id "
    "WHERE s.uuid IN ('00000000-0000-4000-8000-00000000a008', "
    "'00000000-0000-4000-8000-00000000a011') AND (m.unit <> m.measurement_unit "
    "OR (m.unit IS NULL AND m.measurement_unit IS NOT NULL) "
    "OR (m.unit IS NOT NULL AND m.measurement_unit IS NULL))";

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_ROLLING_QUERIES_H_
