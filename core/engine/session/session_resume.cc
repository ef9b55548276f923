#include "core/engine/session/session_resume.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/backend/database_error.h"

namespace aos::engine {
namespace {

// Statement `k` (1-based) of `now` is the one the ledger digested there.
bool Unchanged(const LedgerRow& ledger, const std::vector<sql::Statement>& now,
               int64_t k) {
  return k >= 1 && k <= static_cast<int64_t>(now.size()) &&
         k <= static_cast<int64_t>(ledger.digests.size()) &&
         StatementDigest(now[k - 1].text) == ledger.digests[k - 1];
}

// The names of the stored functions of the connected schema, lower-case.
absl::StatusOr<std::vector<std::string>> StoredFunctions(
    backend::Database& db) {
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      "SELECT routine_name FROM information_schema.routines WHERE "
      "routine_schema = DATABASE() AND routine_type = 'FUNCTION'");
  if (!rows.ok()) return rows.status();
  std::vector<std::string> names;
  for (const backend::Row& r : *rows) {
    names.push_back(absl::AsciiStrToLower(r[0].value_or("")));
  }
  return names;
}

}  // namespace

std::string JudgeSession(const LedgerRow* ledger,
                         const std::vector<sql::Statement>& now,
                         int64_t applied, SessionResume* out) {
  if (applied >= static_cast<int64_t>(now.size())) return "";  // none to run
  for (int64_t k = 1; k <= applied; ++k) {
    const std::string object = SessionOnlyObject(now[k - 1].text);
    if (!object.empty()) {
      return absl::StrCat("statement ", k, " left ", object,
                          " in the session that ran it, which a resumed "
                          "step, in a new session, cannot have back");
    }
  }
  if (ledger == nullptr || !ledger->session_state) {
    for (int64_t k = 1; k <= applied; ++k) {
      if (ChangesSession(now[k - 1].text)) {
        return absl::StrCat("statement ", k,
                            " changed the step's session (variables later "
                            "statements may read), and the run that applied "
                            "it did not record that session");
      }
    }
    return "";
  }
  if (ledger->applied > applied) {
    return "the ledger's record of the step's session is ahead of the "
           "statements that took effect";
  }
  out->recorded = ledger->session_state;
  for (int64_t k = ledger->applied + 1; k <= applied; ++k) {
    const std::string& text = now[k - 1].text;
    if (!ChangesSession(text)) continue;
    const std::string why = NotReplayableReason(text);
    if (!why.empty()) {
      return absl::StrCat("statement ", k,
                          " took effect and changed the step's session "
                          "before that session was recorded, and it cannot "
                          "simply run again: ",
                          why);
    }
    out->replay.push_back(k);
  }
  return "";
}

absl::StatusOr<std::string> JudgeReplay(
    backend::Database& db, const LedgerRow& ledger,
    const std::vector<sql::Statement>& now) {
  const int64_t k = ledger.running;
  if (!Unchanged(ledger, now, k)) {
    return absl::StrCat("statement ", k,
                        ", which was running, has changed since");
  }
  const std::vector<std::string> calls = CalledFunctions(now[k - 1].text);
  if (calls.empty()) return std::string();
  absl::StatusOr<std::vector<std::string>> stored = StoredFunctions(db);
  if (!stored.ok()) return stored.status();
  for (const std::string& f : calls) {
    if (std::find(stored->begin(), stored->end(), f) != stored->end()) {
      return absl::StrCat("statement ", k, " calls the stored function ", f,
                          ", which may change data, and nothing proves "
                          "whether it ran");
    }
  }
  return std::string();
}

std::string NotResumableWhy(const LedgerRow& ledger,
                            const std::vector<sql::Statement>& now) {
  const int64_t k = ledger.running;
  if (!Unchanged(ledger, now, k)) {
    return absl::StrCat("statement ", k,
                        " is neither DML nor DDL nor a statement that may "
                        "simply run again, and nothing proves whether it ran");
  }
  std::string why = NotReplayableReason(now[k - 1].text);
  if (why.empty()) why = "nothing proves whether it ran";
  return absl::StrCat("statement ", k, ": ", why);
}

absl::StatusOr<SessionState> RestoreSession(backend::Database& step_db,
                                            const std::string& recorded,
                                            SessionNames names) {
  absl::StatusOr<SessionState> want = DecodeSessionState(recorded);
  if (!want.ok()) return want.status();
  for (const SessionValue& v : *want) {
    if (v.system) {
      names.Add({{}, {v.name}});
    } else {
      names.Add({{v.name}, {}});
    }
  }
  absl::StatusOr<ProbeResult> fresh = RunProbe(step_db, names);
  if (!fresh.ok()) return fresh.status();
  absl::StatusOr<std::string> set = RestoreStatement(*want, fresh->state);
  if (!set.ok()) return set.status();
  if (!set->empty()) {
    if (absl::Status st = step_db.Execute(*set); !st.ok()) {
      return backend::WithContext(
          st, "restoring the step's session recorded by the earlier run: ");
    }
  }
  absl::StatusOr<ProbeResult> got = RunProbe(step_db, names);
  if (!got.ok()) return got.status();
  const std::string difference = StateDifference(*want, got->state);
  if (!difference.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the step's session recorded by the earlier run could not be "
        "restored exactly (",
        difference, "): the tool will not run the rest of the step in "
        "another session"));
  }
  return got->state;
}

}  // namespace aos::engine
