// session_state.h: the variables of a step's server session as they stood
// on its connection, exactly (types too), as the statement ledger records
// them (statement_ledger.h) and a resumed step restores them.
//
// A user variable keeps its type: an integer (signed or not), a decimal
// with its scale, a double, a string with its character set and collation
// (a binary string: "binary"), or NULL of one of those. A system variable
// keeps its value as the server reads it back. Restoring writes literals
// that recreate exactly that: CAST(-3 AS SIGNED), CAST(42.50 AS
// DECIMAL(65,2)), 0.1e0, _latin1 X'616263' COLLATE latin1_bin; strings
// travel as hex, so no quoting can go wrong, and every name is quoted.
#ifndef AOS_CORE_ENGINE_SESSION_SESSION_STATE_H_
#define AOS_CORE_ENGINE_SESSION_SESSION_STATE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace aos::engine {

struct SessionValue {
  enum class Type { kInteger, kUnsigned, kDecimal, kDouble, kString };

  bool system = false;  // @@name, else @name
  std::string name;     // lower-case
  Type type = Type::kString;
  bool null = false;
  // A number as the server wrote it ("-3", "42.50", "0.30000000000000004");
  // a string's bytes as upper-case hex.
  std::string value;
  std::string charset;    // kString: "utf8mb4", "binary", ...
  std::string collation;  // kString: "utf8mb4_general_ci", "binary", ...

  bool operator==(const SessionValue& o) const {
    return system == o.system && name == o.name && type == o.type &&
           null == o.null && value == o.value && charset == o.charset &&
           collation == o.collation;
  }
  bool operator!=(const SessionValue& o) const { return !(*this == o); }
};

using SessionState = std::vector<SessionValue>;

// The ledger's text of `state` ("v1" and one line a value), and back. ""
// (a row of a tool that recorded no session) is not a state.
std::string EncodeSessionState(const SessionState& state);
absl::StatusOr<SessionState> DecodeSessionState(absl::string_view text);

// "@n" or "@@sql_mode".
std::string ValueName(const SessionValue& v);
// What a person reads of a value: 42, 42.50, 'abc' (utf8mb4_general_ci),
// NULL.
std::string DescribeValue(const SessionValue& v);
// The SQL literal that recreates `v` (see the file comment).
absl::StatusOr<std::string> ValueLiteral(const SessionValue& v);

// One SET statement that brings a session whose variables are `now` to
// `recorded` (only the values that differ; the character set variables,
// when one differs, all of them, client, connection, collation, results
// in that order, before the others), or "" when nothing differs.
absl::StatusOr<std::string> RestoreStatement(const SessionState& recorded,
                                             const SessionState& now);

// The values of `want` that `got` does not hold equal, for a person
// ("@n: 41 recorded, NULL now"); "" when it holds them all.
std::string StateDifference(const SessionState& want, const SessionState& got);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_SESSION_SESSION_STATE_H_
