// session_control.h: finds the statements of a migration script that would
// take over what the tool owns: the transaction (BEGIN, START TRANSACTION,
// COMMIT, ROLLBACK, END, SAVEPOINT, XA, ...) and the session the
// bookkeeping relies on (SET autocommit or completion_type, Galera's
// wsrep_OSU_method and wsrep_on, sql_log_bin, USE, LOCK TABLES, FLUSH ...
// WITH READ LOCK, HANDLER, BACKUP; PostgreSQL's SET search_path; SQLite's
// ATTACH).
//
// A step runs inside the tool's transaction where the engine allows it
// (PostgreSQL, SQLite) and between the tool's bookkeeping transactions on
// MySQL; a script that commits, rolls back or switches databases on its own
// would record versions and history that are not true. Such a plugin is
// refused when it is loaded and by aos-plugin-check.
//
// Every token counts, in every spelling the server reads: all the
// assignments of a SET, executable comments (of any server version), the
// statements inside compound bodies (BEGIN NOT ATOMIC ... END, routines),
// and the literal text of PREPARE ... FROM '...' and EXECUTE IMMEDIATE
// '...'. What no reader can see (a statement prepared from a variable, a
// procedure's body at CALL) the step applier checks on the connection
// after each statement.
#ifndef AOS_CORE_SQL_SESSION_CONTROL_H_
#define AOS_CORE_SQL_SESSION_CONTROL_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/sql/statement_splitter.h"

namespace aos::sql {

// The words that make `statement` a takeover ("COMMIT", "SET AUTOCOMMIT",
// "USE"), or "" when it is an ordinary statement.
std::string SessionControlWords(absl::string_view statement,
                                absl::string_view dialect);
// The same of a statement's code tokens (the marks of executable comments
// left out), as the splitter hands them over.
std::string SessionControlWords(absl::Span<const Token> code,
                                absl::string_view dialect);

// Whether a DDL statement (statement_kind.h) may change the session it
// runs on: run code that sets session variables (a stored function in
// CREATE TABLE ... SELECT, SET STATEMENT ... FOR) or drop the current
// database. Any other DDL statement runs no code of anyone's, so the step
// applier reads its session after it only when the step records variables.
bool DdlMayChangeSession(absl::string_view text);

// kInvalidArgument naming the statement (its `number` in the script, its
// line and words) and why the tool refuses it; OK when it is no takeover.
absl::Status CheckNoSessionControl(size_t number, const Statement& statement,
                                   absl::Span<const Token> code,
                                   absl::string_view dialect);

// The first takeover of a script, lexed once for the split and the check.
// A script that does not split is OK here: it is reported when it is to
// run (its statements before the error are not judged on their own).
absl::Status CheckScriptNoSessionControl(absl::string_view script,
                                         absl::string_view dialect);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_SESSION_CONTROL_H_
