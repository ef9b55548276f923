// batchable_dml.h: whether a big UPDATE, DELETE or INSERT ... SELECT can
// run in chunks of its table's primary key without changing what it does
// (issue 28's DML gate, engine/batch/dml_gate.h), read from the
// statement's tokens (the one lexer, sql_lexer.h), never from its text.
//
// Batchable, on the statement alone (the table's key is the gate's to
// read from the catalog):
//  - UPDATE [LOW_PRIORITY] [IGNORE] t [[AS] a] SET ... [WHERE ...]
//  - DELETE [LOW_PRIORITY] [QUICK] [IGNORE] FROM t [[AS] a] [WHERE ...]
//  - INSERT [LOW_PRIORITY | HIGH_PRIORITY] [IGNORE] [INTO] t [(columns)]
//    SELECT ... FROM s [[AS] a] [WHERE ...]: ranged over s, t never read;
// and nothing else: one table written (no join, no comma list, no USING,
// no PARTITION, no index hints), no ORDER BY, LIMIT, GROUP BY, HAVING,
// DISTINCT, UNION, window, ON DUPLICATE KEY UPDATE or RETURNING, no WITH,
// no executable comment (/*! ... */), no variable (@x, @@x), and every
// function called one of a fixed list of built-ins that read no table and
// no session state and give the same value for the same arguments (time
// functions included: each chunk reads its own clock); RAND(), UUID(),
// LAST_INSERT_ID(), a stored function and every function not in the list
// are refused. A subquery may read other tables but not the written one
// (nor, for INSERT ... SELECT, the target). Anything the reader does not
// recognise is not batchable, with the reason.
//
// PostgreSQL (dialect "postgresql"): names in double quotes, and the
// spellings it adds are read too: UPDATE t SET ... FROM other (a join) and
// DELETE ... USING are not batchable, nor are ONLY t (and t *), WHERE
// CURRENT OF, ON CONFLICT, RETURNING, SET (a, b) = ... assigning the key;
// the key is qualified as the statement names its table.
#ifndef AOS_CORE_SQL_BATCHABLE_DML_H_
#define AOS_CORE_SQL_BATCHABLE_DML_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/key_range.h"
#include "core/sql/sql_lexer.h"
#include "core/sql/statement_kind.h"

namespace aos::sql {

struct BatchableDml {
  enum class Form { kUpdate, kDelete, kInsertSelect } form = Form::kUpdate;
  TableName written;  // the table the statement writes
  TableName ranged;   // the table whose key ranges the chunks
  // How the ranged table is named in the statement (its alias, or its
  // name as written), quoted: what the key is qualified with.
  std::string qualifier;
  // UPDATE: the columns SET assigns (unqualified), so that a key assigned
  // (rows moving into later chunks) is refused.
  std::vector<std::string> assigned;
  // Every table read elsewhere (subqueries; INSERT ... SELECT: its source
  // too), repeats kept: each must be a base table of the database.
  std::vector<TableName> reads;
  // The statement up to where its WHERE would go, and its own condition
  // ("" none), each cut at their last token (no trailing comment).
  std::string head;
  std::string condition;
  // Why it cannot be chunked; "" when it can (the key still to be read).
  std::string why_not;
  // The dialect it was read in ("mysql", "postgresql"): how the key is
  // quoted in its chunks.
  std::string dialect = "mysql";
};

// nullopt for a statement that is no UPDATE, DELETE or INSERT ... SELECT
// (REPLACE and INSERT ... VALUES are not gated).
std::optional<BatchableDml> ReadBatchableDml(absl::string_view statement,
                                             absl::string_view dialect = "mysql");

// Chunk `(after, upto]` of `dml` over its ranged table's `key`
// (key_range.h), the key qualified as the statement names the table: its
// own condition, parenthesized, AND the key range, with the texts of the
// range's '?'; `after` nullopt: from the table's first key.
KeySql ChunkStatement(const BatchableDml& dml, const RangeKey& key,
                      const std::optional<KeyValue>& after, const KeyValue& upto);

// "" when every function `tokens[from, to)` calls, and every variable it
// reads, keeps its meaning in chunks; else why not ("it calls RAND()").
// In `dialect`'s built-ins.
std::string UnsafeExpression(const std::vector<Token>& tokens, size_t from, size_t to,
                             absl::string_view dialect = "mysql");

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_BATCHABLE_DML_H_
