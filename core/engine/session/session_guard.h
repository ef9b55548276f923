// session_guard.h: what the step applier (step_applier.h) keeps of a
// MySQL step connection's session while it runs steps: what the tool owns
// of it as it was when opened, the variables the current step names, and
// their values after the last statement (session_probe.h). After each
// statement one probe both proves nothing the tool owns changed (else the
// step fails before its record, naming what changed, and what the
// statement left is undone: its transaction rolled back, its table locks
// released) and reads the variables the ledger records.
#ifndef AOS_CORE_ENGINE_SESSION_SESSION_GUARD_H_
#define AOS_CORE_ENGINE_SESSION_SESSION_GUARD_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/backend/database.h"
#include "core/engine/session/session_probe.h"
#include "core/engine/session/session_state.h"
#include "core/engine/session/session_statements.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

class SessionGuard {
 public:
  // Reads what the tool owns of `step_db`'s session, as it is now (the
  // connection just opened).
  absl::Status Open(backend::Database& step_db);

  // The step about to start names `names` (StepNames).
  void StartStep(SessionNames names) { names_ = std::move(names); }
  const SessionNames& names() const { return names_; }

  // After a statement: the probe. kFailedPrecondition, saying what
  // changed, when the session the tool owns is not as it was opened (with
  // the tool's own transaction open when `in_transaction`).
  absl::Status Check(backend::Database& step_db, bool in_transaction);

  // The variables read by the last Check, and that record's text.
  const SessionState& state() const { return state_; }
  void set_state(SessionState state) { state_ = std::move(state); }
  std::string Encoded() const { return EncodeSessionState(state_); }

 private:
  OwnedSession opened_;
  SessionNames names_;
  SessionState state_;
};

// The variables `statements` name; system variables only those the server
// has with a session value (asked on `db`, the tool's connection, when a
// statement sets any).
SessionNames StepNames(backend::Database& db,
                       const std::vector<sql::Statement>& statements);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_SESSION_SESSION_GUARD_H_
