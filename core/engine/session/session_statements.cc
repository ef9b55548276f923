#include "core/engine/session/session_statements.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/sql/mysql_tokenizer.h"

namespace aos::engine {
namespace {

using sql::Token;
using Tokens = std::vector<Token>;

constexpr size_t kAllTokens = 1000000;

// What SET NAMES and SET CHARACTER SET assign.
constexpr const char* kCharsetVariables[] = {
    "character_set_client", "character_set_connection",
    "collation_connection", "character_set_results"};

// The session's variables the tool owns (session_probe.h).
bool OwnedByTheTool(absl::string_view name) {
  return name == "autocommit" || name == "completion_type" ||
         name == "sql_log_bin" || name == "in_transaction" ||
         absl::StartsWith(name, "wsrep_");
}

void AddOnce(std::vector<std::string>* names, std::string name) {
  if (std::find(names->begin(), names->end(), name) == names->end()) {
    names->push_back(std::move(name));
  }
}

// The quoted text of a literal token, unquoted: 'it''s' and 'it\'s' ->
// it's.
std::string Unquote(absl::string_view statement, const Token& t) {
  absl::string_view s = statement.substr(t.begin, t.end - t.begin);
  if (s.size() < 2) return std::string(s);
  const char q = s[0];
  std::string out;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\' && i + 2 < s.size()) {
      out += s[++i];
    } else if (s[i] == q && i + 2 < s.size() && s[i + 1] == q) {
      out += s[++i];
    } else {
      out += s[i];
    }
  }
  return out;
}

// Whether t[i] starts a user variable; its name (lower-case) and the index
// of the token after it. "@n" is one word; "@" followed, without a blank,
// by a quoted name is @'n' or @`n`.
bool UserVariableAt(absl::string_view statement, const Tokens& t, size_t i,
                    std::string* name, size_t* next) {
  const Token& a = t[i];
  const bool at_word = a.type == Token::Type::kWord && !a.text.empty() &&
                       a.text[0] == '@';
  const bool at_punct = a.IsPunct('@');
  if (!at_word && !at_punct) return false;
  if (absl::StartsWith(a.text, "@@")) return false;
  if (at_word && a.text.size() > 1) {
    *name = absl::AsciiStrToLower(a.text.substr(1));
    *next = i + 1;
    return true;
  }
  if (i + 1 >= t.size() || t[i + 1].begin != a.end || t[i + 1].IsPunct('@')) {
    return false;
  }
  const Token& b = t[i + 1];
  if (b.type == Token::Type::kQuoted || b.type == Token::Type::kWord) {
    *name = absl::AsciiStrToLower(b.text);
  } else if (b.type == Token::Type::kLiteral) {
    *name = absl::AsciiStrToLower(Unquote(statement, b));
  } else {
    return false;
  }
  *next = i + 2;
  return true;
}

// Whether tokens [i, end) begin with ':=' or '='.
bool AssignsAt(const Tokens& t, size_t i, bool colon_only) {
  if (i < t.size() && t[i].IsPunct(':')) {
    return i + 1 < t.size() && t[i + 1].IsPunct('=');
  }
  return !colon_only && i < t.size() && t[i].IsPunct('=');
}

// One assignment of a SET: tokens [begin, end) of the statement.
struct Assignment {
  size_t begin = 0;
  size_t end = 0;
};

// The assignments of SET, split at commas outside parentheses.
std::vector<Assignment> SetAssignments(const Tokens& t) {
  std::vector<Assignment> out;
  int depth = 0;
  size_t begin = 1;
  for (size_t i = 1; i < t.size(); ++i) {
    if (t[i].IsPunct('(')) ++depth;
    if (t[i].IsPunct(')')) --depth;
    if (depth == 0 && t[i].IsPunct(',')) {
      out.push_back({begin, i});
      begin = i + 1;
    }
  }
  out.push_back({begin, t.size()});
  return out;
}

// What one SET assignment assigns: a system variable of `*global` or the
// session scope (the scope a modifier gives lasts for the variables after
// it, as the server reads it), or "" for a user variable or NAMES.
std::string SystemTarget(const Tokens& t, Assignment a, bool* global) {
  size_t i = a.begin;
  if (i < a.end && (t[i].IsWord("GLOBAL") || t[i].IsWord("SESSION") ||
                    t[i].IsWord("LOCAL"))) {
    *global = t[i].IsWord("GLOBAL");
    ++i;
  }
  if (i >= a.end || t[i].type != Token::Type::kWord) return "";
  std::string name = absl::AsciiStrToLower(t[i].text);
  if (absl::StartsWith(name, "@@")) {
    name = name.substr(2);
    if ((name == "global" || name == "session" || name == "local") &&
        i + 2 < a.end && t[i + 1].IsPunct('.')) {
      if (name == "global") *global = true;
      if (name != "global") *global = false;
      name = absl::AsciiStrToLower(t[i + 2].text);
    } else {
      *global = false;  // SET @@x: the session's
    }
  } else if (name[0] == '@') {
    return "";
  }
  return name;
}

// SET's form: the words after SET that make it something else than
// assignments.
bool SetOfVariables(const Tokens& t) {
  if (t.size() < 2) return false;
  for (const char* w : {"STATEMENT", "PASSWORD", "ROLE", "DEFAULT",
                        "TRANSACTION"}) {
    if (t[1].IsWord(w)) return false;
  }
  return !(t.size() > 2 && (t[1].IsWord("SESSION") || t[1].IsWord("GLOBAL")) &&
           t[2].IsWord("TRANSACTION"));
}

bool IsCharsetAssignment(const Tokens& t, Assignment a) {
  return a.begin < a.end &&
         (t[a.begin].IsWord("NAMES") || t[a.begin].IsWord("CHARSET") ||
          (t[a.begin].IsWord("CHARACTER") && a.begin + 1 < a.end &&
           t[a.begin + 1].IsWord("SET")));
}

// The system variables a SET of variables assigns; `*global_named`: it
// assigns a global one.
std::vector<std::string> SetSystemVariables(const Tokens& t,
                                            bool* global_named) {
  std::vector<std::string> names;
  bool global = false;
  for (const Assignment& a : SetAssignments(t)) {
    if (IsCharsetAssignment(t, a)) {
      for (const char* n : kCharsetVariables) AddOnce(&names, n);
      continue;
    }
    std::string name = SystemTarget(t, a, &global);
    if (name.empty()) continue;
    if (global) {
      *global_named = true;
    } else if (!OwnedByTheTool(name)) {
      AddOnce(&names, name);
    }
  }
  return names;
}

// Functions no replayable statement may call: they take or give up locks
// beyond the statement, or move a sequence.
bool HasLastingFunction(const std::vector<std::string>& calls,
                        const Tokens& t) {
  for (const std::string& f : calls) {
    if (f == "get_lock" || f == "release_lock" || f == "release_all_locks" ||
        f == "nextval" || f == "setval") {
      return true;
    }
  }
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i].IsWord("NEXT") && t[i + 1].IsWord("VALUE") &&
        t[i + 2].IsWord("FOR")) {
      return true;
    }
  }
  return false;
}

// A function of another schema (db.f(...)): it may write.
bool CallsQualifiedFunction(const Tokens& t) {
  for (size_t i = 0; i + 3 < t.size(); ++i) {
    if ((t[i].type == Token::Type::kWord ||
         t[i].type == Token::Type::kQuoted) &&
        t[i + 1].IsPunct('.') &&
        (t[i + 2].type == Token::Type::kWord ||
         t[i + 2].type == Token::Type::kQuoted) &&
        t[i + 3].IsPunct('(')) {
      return true;
    }
  }
  return false;
}

bool HasWords(const Tokens& t, std::initializer_list<const char*> words) {
  for (size_t i = 0; i + words.size() <= t.size(); ++i) {
    size_t k = 0;
    for (const char* w : words) {
      if (!t[i + k].IsWord(w)) break;
      ++k;
    }
    if (k == words.size()) return true;
  }
  return false;
}

// Why a SELECT is not plain: it locks rows or writes a file.
std::string SelectReason(const Tokens& t) {
  if (HasWords(t, {"FOR", "UPDATE"}) || HasWords(t, {"FOR", "SHARE"}) ||
      HasWords(t, {"LOCK", "IN", "SHARE", "MODE"})) {
    return "a SELECT ... FOR UPDATE or LOCK IN SHARE MODE locks rows";
  }
  if (HasWords(t, {"INTO", "OUTFILE"}) || HasWords(t, {"INTO", "DUMPFILE"})) {
    return "a SELECT ... INTO OUTFILE or DUMPFILE writes a file";
  }
  return "";
}

}  // namespace

void SessionNames::Add(const SessionNames& more) {
  for (const std::string& n : more.user) AddOnce(&user, n);
  for (const std::string& n : more.system) AddOnce(&system, n);
}

SessionNames NamedVariables(absl::string_view statement) {
  const Tokens t = sql::Tokenize(statement, kAllTokens);
  SessionNames names;
  for (size_t i = 0; i < t.size(); ++i) {
    std::string name;
    size_t next = 0;
    if (UserVariableAt(statement, t, i, &name, &next)) {
      AddOnce(&names.user, std::move(name));
    }
  }
  if (!t.empty() && t[0].IsWord("SET") && SetOfVariables(t)) {
    bool global = false;
    names.system = SetSystemVariables(t, &global);
  }
  return names;
}

bool ChangesSession(absl::string_view statement) {
  const Tokens t = sql::Tokenize(statement, kAllTokens);
  if (!t.empty() && t[0].IsWord("SET")) return true;
  for (size_t i = 0; i < t.size(); ++i) {
    std::string name;
    size_t next = 0;
    // `@v := ...`, or `... INTO @v`.
    if (UserVariableAt(statement, t, i, &name, &next) &&
        (AssignsAt(t, next, /*colon_only=*/true) ||
         (i > 0 && t[i - 1].IsWord("INTO")))) {
      return true;
    }
  }
  return false;
}

std::string SessionOnlyObject(absl::string_view statement) {
  const Tokens t = sql::Tokenize(statement, 4);
  if (!t.empty() && t[0].IsWord("PREPARE")) return "a statement it prepared (PREPARE)";
  if (t.size() > 2 && t[0].IsWord("CREATE") &&
      (t[1].IsWord("TEMPORARY") ||
       (t[1].IsWord("OR") && t.size() > 3 && t[3].IsWord("TEMPORARY")))) {
    return "a temporary table";
  }
  return "";
}

std::vector<std::string> CalledFunctions(absl::string_view statement) {
  const Tokens t = sql::Tokenize(statement, kAllTokens);
  std::vector<std::string> calls;
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if ((t[i].type == Token::Type::kWord ||
         t[i].type == Token::Type::kQuoted) &&
        t[i + 1].IsPunct('(') && !absl::StartsWith(t[i].text, "@")) {
      AddOnce(&calls, absl::AsciiStrToLower(t[i].text));
    }
  }
  return calls;
}

std::string NotReplayableReason(absl::string_view statement) {
  const Tokens t = sql::Tokenize(statement, kAllTokens);
  if (t.empty()) return "it is empty";
  const Token& first = t[0];
  const std::string second = t.size() > 1 ? t[1].upper : "";
  if (first.IsWord("CALL")) {
    return "it is a CALL: a stored procedure can change data and commit "
           "part of its work, and nothing proves how much of it ran";
  }
  if (first.IsWord("GRANT") || first.IsWord("REVOKE")) {
    return "it is a GRANT or REVOKE, which changes privileges outside any "
           "transaction, and nothing proves whether it ran";
  }
  if (first.IsWord("PREPARE") || first.IsWord("EXECUTE") ||
      first.IsWord("DEALLOCATE")) {
    return "it is a PREPARE, EXECUTE or DEALLOCATE: it runs or keeps a "
           "statement the tool does not read, and nothing proves whether "
           "it ran";
  }
  const bool labelled = t.size() > 2 && t[1].IsPunct(':');
  if (first.IsWord("BEGIN") || labelled || first.IsWord("IF") ||
      first.IsWord("CASE") || first.IsWord("LOOP") || first.IsWord("WHILE") ||
      first.IsWord("REPEAT") || first.IsWord("FOR")) {
    return "it is a compound block (BEGIN NOT ATOMIC ... END): its "
           "statements commit one by one, and nothing proves how many ran";
  }
  const std::vector<std::string> calls = CalledFunctions(statement);
  const std::string lasting =
      HasLastingFunction(calls, t) || CallsQualifiedFunction(t)
          ? "it calls a function that takes a lock, moves a sequence or "
            "belongs to another schema, and nothing proves whether it ran"
          : "";
  if (first.IsWord("SET")) {
    bool global = false;
    if (!SetOfVariables(t)) {
      return absl::StrCat("it is a SET ", second,
                          ", not of session or user variables, and nothing "
                          "proves whether it ran");
    }
    (void)SetSystemVariables(t, &global);
    if (global) {
      return "it is a SET GLOBAL: it changes the server for every session, "
             "and nothing proves whether it ran";
    }
    return lasting;
  }
  if (first.IsWord("DO")) return lasting;
  if (first.IsWord("SELECT")) {
    std::string why = SelectReason(t);
    return why.empty() ? lasting : absl::StrCat(why, ", and nothing proves "
                                                     "whether it ran");
  }
  return "it is neither DML nor DDL nor a statement that may simply run "
         "again (a SET of session or user variables, DO, a plain SELECT), "
         "and nothing proves whether it ran";
}

}  // namespace aos::engine
