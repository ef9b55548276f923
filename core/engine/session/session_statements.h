// session_statements.h: what a MySQL statement of a step does to its
// server session, read off its tokens (core/sql/mysql_tokenizer.h), for
// keeping the session exact across a resume (session_state.h,
// session_resume.h):
//  - the variables it names: user variables (@name, @'name', @`name`,
//    never @@) and the session system variables a SET assigns (SET NAMES
//    and SET CHARACTER SET stand for the character_set_* and
//    collation_connection variables);
//  - whether it changes the session (a SET, or a user variable assigned
//    by `@v :=` or `INTO @v`);
//  - whether running it again is always right: a SET of session or user
//    variables, DO of built-in functions, a plain SELECT have no lasting
//    effect but on the session, which the tool restores before running
//    them again ("replayable"); else why a person must look.
#ifndef AOS_CORE_ENGINE_SESSION_SESSION_STATEMENTS_H_
#define AOS_CORE_ENGINE_SESSION_SESSION_STATEMENTS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace aos::engine {

// Variable names, lower-case, without their @ or @@, each once.
struct SessionNames {
  std::vector<std::string> user;
  std::vector<std::string> system;

  void Add(const SessionNames& more);
  bool empty() const { return user.empty() && system.empty(); }
};

// The variables `statement` names (see the file comment). System
// variables the tool owns (autocommit, completion_type, sql_log_bin,
// wsrep_*) are left out: changing them fails the step (session_probe.h).
SessionNames NamedVariables(absl::string_view statement);

// Whether `statement` may change its session's variables.
bool ChangesSession(absl::string_view statement);

// "" when running `statement` again (after restoring the session it ran
// in) is always right; else why nothing proves whether an interrupted run
// of it took effect, for the message that a person must look.
std::string NotReplayableReason(absl::string_view statement);

// "" unless `statement` leaves something in its session that no value
// records (a prepared statement, a temporary table); else what, for the
// message that a step resumed after it cannot have it back.
std::string SessionOnlyObject(absl::string_view statement);

// The names `statement` calls as functions (a word before "("),
// lower-case: checked against the schema's stored functions, which may
// write.
std::vector<std::string> CalledFunctions(absl::string_view statement);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_SESSION_SESSION_STATEMENTS_H_
