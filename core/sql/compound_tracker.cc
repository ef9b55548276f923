#include "core/sql/compound_tracker.h"

#include <algorithm>
#include <initializer_list>

namespace aos::sql {
namespace {

// Words that open a body or block where a statement may start (MySQL).
bool IsOpener(const std::string& w) {
  return OneOf(w, {"BEGIN", "IF", "LOOP", "WHILE", "REPEAT", "FOR", "CASE"});
}

// Words after which a routine header expects a name or a value, not a body:
// CREATE PROCEDURE begin(), ... ON begin FOR EACH ROW, RETURN begin + 1.
bool ExpectsName(const Token& t) {
  if (t.type == Token::Type::kPunct) return !t.IsPunct(')') && !t.IsPunct(':');
  if (t.type != Token::Type::kWord) return false;
  return OneOf(t.upper, {"PROCEDURE", "FUNCTION", "TRIGGER", "EVENT",
                         "PACKAGE", "BODY", "EXISTS", "ON", "FOLLOWS",
                         "PRECEDES", "AT", "EVERY", "STARTS", "ENDS", "RETURN",
                         "RETURNS", "COMMENT", "SCHEDULE", "DEFINER", "OF",
                         "AS", "CREATE", "REPLACE", "AGGREGATE"});
}

// The first word of a simple statement: a routine whose body is one.
bool IsSimpleStatement(const std::string& w) {
  return OneOf(w, {"SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "SET",
                   "CALL", "RETURN", "ALTER", "DROP", "TRUNCATE", "RENAME",
                   "SIGNAL", "RESIGNAL", "VALUES", "WITH", "GRANT", "REVOKE",
                   "PREPARE", "EXECUTE", "DEALLOCATE", "LOAD", "HANDLER",
                   "OPTIMIZE", "ANALYZE", "FLUSH", "KILL", "DO", "CREATE",
                   "SHOW", "START", "COMMIT", "ROLLBACK", "SAVEPOINT",
                   "RELEASE", "LOCK", "UNLOCK", "CHECK", "CHECKSUM", "REPAIR",
                   "INSTALL", "UNINSTALL", "RESET", "PURGE", "CHANGE", "XA",
                   "DESC", "DESCRIBE", "EXPLAIN", "HELP", "BACKUP", "GET",
                   "CACHE", "BINLOG", "TABLE", "USE"});
}

}  // namespace

CompoundTracker::CompoundTracker(absl::string_view dialect)
    : mysql_(dialect == "mysql"), postgresql_(dialect == "postgresql") {
  StatementEnded();
}

void CompoundTracker::StatementEnded() {
  frames_.clear();
  words_ = 0;
  routine_.clear();
  creating_ = false;
  body_may_start_ = false;
  header_done_ = false;
  until_ = false;
  last_label_candidate_ = false;
  parens_ = 0;
  statement_start_ = true;
  last_started_ = false;
  after_end_ = false;
  do_statement_ = false;
  handler_ = Handler::kNone;
  altering_ = false;
  pending_ = Pending::kNone;
  expect_atomic_ = false;
  label_colon_ = false;
  inner_first_.clear();
  previous_ = Token{Token::Type::kPunct, ";", "", 0, 0, 1};
}

void CompoundTracker::Open(Frame frame, bool body_starts) {
  frames_.push_back(frame);
  if (body_starts) statement_start_ = true;
}

// A CASE expression's END takes no word after it; END IF, END LOOP,
// END CASE, END label do.
void CompoundTracker::Close() {
  after_end_ = frames_.back() != Frame::kCaseExpression;
  frames_.pop_back();
}

// DECLARE ... HANDLER FOR c1, c2 <statement>: where the handler's
// statement starts, after its conditions (SQLSTATE [VALUE] '...', NOT
// FOUND, SQLWARNING, SQLEXCEPTION, an error number, a condition's name).
bool CompoundTracker::HandlerStatementStarts(const Token& t) {
  switch (handler_) {
    case Handler::kNone:
      return false;
    case Handler::kFor:
      if (t.IsWord("FOR")) handler_ = Handler::kCondition;
      return false;
    case Handler::kCondition:
      handler_ = t.IsWord("SQLSTATE") ? Handler::kSqlstate
                 : t.IsWord("NOT")    ? Handler::kNot
                                      : Handler::kDone;
      return false;
    case Handler::kSqlstate:
      if (!t.IsWord("VALUE")) handler_ = Handler::kDone;
      return false;
    case Handler::kNot:
      handler_ = Handler::kDone;  // FOUND
      return false;
    case Handler::kDone:
      if (t.IsPunct(',')) {
        handler_ = Handler::kCondition;
        return false;
      }
      handler_ = Handler::kNone;
      return true;
  }
  return false;
}

// Decides an opener that needed the token after it: BEGIN NOT ATOMIC
// (MySQL), BEGIN ATOMIC (PostgreSQL); a BEGIN alone is a transaction.
void CompoundTracker::Resolve(const Token& next) {
  const Pending pending = pending_;
  pending_ = Pending::kNone;
  if ((pending == Pending::kBeginNotAtomic && next.IsWord("NOT")) ||
      (pending == Pending::kBeginAtomic && next.IsWord("ATOMIC"))) {
    Open(Frame::kBlock, false);
    expect_atomic_ = true;
  }
}

void CompoundTracker::Feed(const Token& t) {
  bool starts = statement_start_ || HandlerStatementStarts(t);
  if (label_colon_) {
    label_colon_ = false;
    starts = starts || !t.IsPunct('=');  // "x :=" is an assignment
  }
  statement_start_ = false;
  Resolve(t);
  last_started_ = starts;
  if (starts && !frames_.empty()) {
    inner_first_ = t.upper;
    do_statement_ = t.IsWord("DO");
  }
  if (t.type == Token::Type::kPunct) {
    if (t.IsPunct('(')) ++parens_;
    if (t.IsPunct(')') && parens_ > 0 && --parens_ == 0 &&
        (routine_ == "PROCEDURE" || routine_ == "FUNCTION")) {
      body_may_start_ = true;
    }
    if (t.IsPunct(';') && !frames_.empty()) statement_start_ = true;
    if (t.IsPunct(':') && previous_.type == Token::Type::kWord &&
        last_label_candidate_) {
      label_colon_ = true;
    }
    after_end_ = false;
  } else if (t.type == Token::Type::kWord) {
    FeedWord(t, starts);
  } else {
    after_end_ = false;
  }
  last_label_candidate_ = starts && t.type == Token::Type::kWord;
  previous_ = t;
}

void CompoundTracker::FeedWord(const Token& t, bool starts) {
  const std::string& w = t.upper;
  ++words_;
  if (expect_atomic_) {  // BEGIN [NOT] ATOMIC: the body starts after it
    if (w == "ATOMIC") {
      expect_atomic_ = false;
      statement_start_ = true;
      return;
    }
    if (w != "NOT") expect_atomic_ = false;
  }
  if (after_end_) {  // END IF, END LOOP, END CASE, END label
    after_end_ = false;
    return;
  }
  if (words_ == 1) {
    creating_ = w == "CREATE" || (mysql_ && w == "ALTER");
    altering_ = w == "ALTER";  // ALTER EVENT ... DO <body>
  }
  if (creating_ && routine_.empty() && words_ <= 12 && frames_.empty()) {
    if (OneOf(w, {"TABLE", "INDEX", "VIEW", "DATABASE", "SCHEMA", "USER",
                  "ROLE", "SERVER", "SEQUENCE", "TABLESPACE"}) ||
        (altering_ && OneOf(w, {"PROCEDURE", "FUNCTION"}))) {
      creating_ = false;  // not a routine, or one altered without its body
    } else if (mysql_ ? OneOf(w, {"PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"})
                      : w == "TRIGGER" && !postgresql_) {
      routine_ = w;
      return;
    }
  }
  // Where a routine's body may begin: after its parameters, FOR EACH ROW,
  // or an event's DO.
  if (!routine_.empty() && !body_may_start_ && parens_ == 0 &&
      ((routine_ == "TRIGGER" && w == "ROW") ||
       (routine_ == "EVENT" && w == "DO"))) {
    body_may_start_ = true;
    if (w == "DO") statement_start_ = true;
    return;
  }
  if (frames_.empty()) {
    TopLevelWord(t, starts);
  } else {
    BodyWord(t, starts);
  }
}

// A word outside every body: the start of a compound statement, or of a
// routine's body after its header.
void CompoundTracker::TopLevelWord(const Token& t, bool starts) {
  const std::string& w = t.upper;
  if (postgresql_) {
    if (w == "BEGIN") pending_ = Pending::kBeginAtomic;
    return;
  }
  if (!mysql_) {  // SQLite: CREATE TRIGGER ... BEGIN ... END
    if (!routine_.empty() && w == "BEGIN" && parens_ == 0 && !ExpectsName(previous_)) {
      Open(Frame::kBlock, true);
    }
    return;
  }
  if (starts && w == "BEGIN" && routine_.empty()) {
    pending_ = Pending::kBeginNotAtomic;  // BEGIN alone is a transaction
    return;
  }
  if (starts && IsOpener(w)) {  // a compound statement, or an event's body
    header_done_ = !routine_.empty();
    Open(w == "CASE" ? Frame::kCaseStatement : Frame::kBlock,
         w == "BEGIN" || w == "LOOP" || w == "REPEAT");
    return;
  }
  if (!body_may_start_ || header_done_ || parens_ != 0) return;
  if (previous_.IsWord("RETURNS")) return;  // RETURNS SET('a', 'b')
  if (IsSimpleStatement(w)) {
    header_done_ = true;  // a body of one simple statement
  } else if (IsOpener(w) && !ExpectsName(previous_)) {
    header_done_ = true;
    Open(w == "CASE" ? Frame::kCaseStatement : Frame::kBlock,
         w == "BEGIN" || w == "LOOP" || w == "REPEAT");
  }
}

// A word inside a body.
void CompoundTracker::BodyWord(const Token& t, bool starts) {
  const std::string& w = t.upper;
  const Frame top = frames_.back();
  if (w == "END") {
    if (previous_.IsPunct('.')) return;
    if (top == Frame::kCaseExpression) {
      Close();  // not REPEAT's: UNTIL CASE ... END END REPEAT
    } else if (starts || until_) {
      until_ = false;
      Close();
    }
    return;
  }
  if (w == "UNTIL" && starts) until_ = true;  // REPEAT ... UNTIL c END REPEAT
  if (inner_first_ == "DECLARE" && w == "HANDLER") handler_ = Handler::kFor;
  if (mysql_ && starts && IsOpener(w)) {
    Open(w == "CASE" ? Frame::kCaseStatement : Frame::kBlock,
         w == "BEGIN" || w == "LOOP" || w == "REPEAT");
    return;
  }
  if (w == "CASE") {
    Open(Frame::kCaseExpression, false);
    return;
  }
  if (!mysql_) return;
  if ((w == "THEN" || w == "ELSE") && top != Frame::kCaseExpression) {
    statement_start_ = true;
  } else if (w == "DO" && !starts && !do_statement_) {
    statement_start_ = true;  // WHILE ... DO, FOR ... DO
  }
}

}  // namespace aos::sql
