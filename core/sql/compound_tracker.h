// compound_tracker.h: where the bodies of compound statements open and
// close, token by token, so that a ';' inside one does not end the
// statement (statement_splitter.h) and the statements inside one can be
// read (session_control.h).
//
// A body opens only where the grammar opens one, never at a word that is
// merely spelled BEGIN, IF or END (a column named `begin` is a column):
//  - MySQL/MariaDB: BEGIN NOT ATOMIC, IF, CASE, LOOP, WHILE, REPEAT and FOR
//    as a statement of their own (at the top level, after a label, or
//    inside a body), and the body of CREATE PROCEDURE / FUNCTION / TRIGGER /
//    EVENT / PACKAGE after its header; END closes a BEGIN, IF, LOOP, ...
//    only where a statement may start (after ';'), a CASE expression's END
//    anywhere.
//  - PostgreSQL: BEGIN ATOMIC ... END (SQL-standard function bodies).
//  - SQLite: the BEGIN ... END body of CREATE TRIGGER.
#ifndef AOS_CORE_SQL_COMPOUND_TRACKER_H_
#define AOS_CORE_SQL_COMPOUND_TRACKER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/sql_lexer.h"

namespace aos::sql {

class CompoundTracker {
 public:
  explicit CompoundTracker(absl::string_view dialect);

  // Feeds the next code token of the script (not the marks of executable
  // comments). A ';' outside every body ends a statement: the caller sees
  // Depth() == 0 when it feeds one and calls StatementEnded().
  void Feed(const Token& token);
  // The statement ended (at a top-level ';' or the script's end).
  void StatementEnded();

  // How many bodies are open (0: the top level of a statement).
  int Depth() const { return static_cast<int>(frames_.size()); }
  // Whether the token fed last starts a statement: the statement's first
  // word, or the first of a statement inside a body (after ';', BEGIN,
  // THEN, ...). Valid right after Feed.
  bool AtStatementStart() const { return last_started_; }

 private:
  enum class Frame { kBlock, kCaseStatement, kCaseExpression };
  // An opener decided by the token after it.
  enum class Pending { kNone, kBeginNotAtomic, kBeginAtomic };

  // DECLARE ... HANDLER FOR <conditions> <statement>: how far it is read.
  enum class Handler { kNone, kFor, kCondition, kSqlstate, kNot, kDone };

  void Resolve(const Token& next);
  bool HandlerStatementStarts(const Token& token);
  void FeedWord(const Token& token, bool starts);
  void TopLevelWord(const Token& token, bool starts);
  void BodyWord(const Token& token, bool starts);
  void Open(Frame frame, bool body_starts);
  void Close();

  bool mysql_;
  bool postgresql_;
  std::vector<Frame> frames_;
  // Of the current statement:
  int words_ = 0;
  bool creating_ = false;        // it starts with CREATE
  std::string routine_;          // PROCEDURE, FUNCTION, TRIGGER, EVENT or ""
  bool body_may_start_ = false;  // the routine's header is read
  bool header_done_ = false;     // the routine's body has begun
  int parens_ = 0;
  bool statement_start_ = true;  // the next token starts a statement
  bool last_started_ = false;
  bool last_label_candidate_ = false;  // a word that may be a label
  bool label_colon_ = false;     // "label:" was read
  bool after_end_ = false;       // the word before was a closing END
  bool until_ = false;           // REPEAT ... UNTIL: the next END closes
  bool do_statement_ = false;    // the inner statement is DO ...
  Handler handler_ = Handler::kNone;
  bool altering_ = false;        // it starts with ALTER
  bool expect_atomic_ = false;
  Pending pending_ = Pending::kNone;
  std::string inner_first_;      // the inner statement's first word
  Token previous_{Token::Type::kPunct, ";", "", 0, 0, 1};
};

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_COMPOUND_TRACKER_H_
