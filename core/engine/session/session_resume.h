// session_resume.h: the session's part of resuming a MySQL step
// (resume_point.h): which session a resumed step needs, and bringing its
// new step connection there.
//
// The ledger holds the step connection's variables as they stood after
// statements 1..L (statement_ledger.h), L its `applied`. A step resumed at
// statement A+1 needs them as they stood after statement A:
//  - L == A: the recorded session, restored (session_state.h);
//  - L == A-1, statement A took effect but the run ended before the next
//    record (an interrupted DDL statement that landed, a record that
//    failed): statement A is run again after restoring, when it is
//    replayable (session_statements.h), or skipped when it does not
//    change the session; anything else is a person's call.
// Restoring is proved: the variables are read back and must equal the
// record, type and collation included; else the step does not start.
#ifndef AOS_CORE_ENGINE_SESSION_SESSION_RESUME_H_
#define AOS_CORE_ENGINE_SESSION_SESSION_RESUME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/engine/bookkeeping/statement_ledger.h"
#include "core/engine/session/session_probe.h"
#include "core/engine/session/session_statements.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

struct SessionResume {
  // EncodeSessionState's text; nullopt: nothing to restore.
  std::optional<std::string> recorded;
  // Statements (1-based) that run again, in order, once it is restored.
  std::vector<int64_t> replay;
};

// How a step resumed after `applied` of `now` brings its session back;
// `ledger`: the step's row, nullptr when there is none. Returns why a
// person must look instead ("" when it can).
std::string JudgeSession(const LedgerRow* ledger,
                         const std::vector<sql::Statement>& now,
                         int64_t applied, SessionResume* out);

// Whether interrupted statement `ledger.running`, recorded replayable,
// may simply run again: "" when so, else why not (it changed since, or
// calls a stored function of the schema, which may write).
absl::StatusOr<std::string> JudgeReplay(backend::Database& db,
                                        const LedgerRow& ledger,
                                        const std::vector<sql::Statement>& now);

// Why an interrupted statement recorded neither DML, DDL nor replayable
// needs a person ("statement 3 is a CALL: ...").
std::string NotResumableWhy(const LedgerRow& ledger,
                            const std::vector<sql::Statement>& now);

// Brings the fresh session of `step_db` to `recorded` (statements of the
// step name `names`) and proves it by reading it back; returns the state
// read.
absl::StatusOr<SessionState> RestoreSession(backend::Database& step_db,
                                            const std::string& recorded,
                                            SessionNames names);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_SESSION_SESSION_RESUME_H_
