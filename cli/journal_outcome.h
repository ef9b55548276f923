// journal_outcome.h: each module's outcome of a migrate run as one
// structured journal entry (issue 28), when stderr is the journal
// (core/util/systemd_journal.h); the run's text on stderr and stdout is
// unchanged. An operator selects on the fields:
//   journalctl -u aos-db-migrate AOS_OUTCOME=failed
//   MESSAGE             "dashboard: OK, 9 -> 10" / "dashboard: FAIL, <error>"
//   PRIORITY            6 (info) for OK, 3 (err) for FAIL
//   SYSLOG_IDENTIFIER   aos-db-migrate
//   AOS_MODULE          the module's id
//   AOS_OUTCOME         ok | failed
//   AOS_VERSION         its version after the run, when known
//   AOS_FROM_VERSION    its version before the run, when known
//   AOS_STEP            the last step the run applied or tried ("9->10")
//   AOS_ERROR_CATEGORY  a failure's category (module_result.h), if any
// The error is as the report's table shows it (no --verbose: a database's
// own words stay out of the log unless asked for).
#ifndef AOS_CLI_JOURNAL_OUTCOME_H_
#define AOS_CLI_JOURNAL_OUTCOME_H_

#include <vector>

#include "core/report/module_result.h"
#include "core/util/systemd_journal.h"

namespace aos::cli {

// The fields of `result`'s entry, in the order above.
std::vector<util::JournalField> OutcomeFields(const report::ModuleResult& result);

// One entry a module to `journal` (inert: nothing).
void SendOutcomes(const util::SystemdNotifier& journal,
                  const std::vector<report::ModuleResult>& results);

}  // namespace aos::cli

#endif  // AOS_CLI_JOURNAL_OUTCOME_H_
