// key_range.h: the SQL of a range of a table's primary key, of one column
// or several, of any type whose values travel exactly as text (issue 28:
// the chunks of a batched statement, engine/batch/batch_runner.h). It
// writes the conditions `key > after` and `key <= upto` in the key's
// (tuple) order, and the queries that find a chunk's end by seeking
// through the key's index. No value is ever in the SQL text: each piece
// comes with the texts for its '?' placeholders, in order, which the
// backend binds.
//
// Two spellings of a tuple comparison (RangeKey::row_values):
//  - MySQL/MariaDB: the expansion `k1 > ? OR (k1 = ? AND k2 > ?)`.
//    MariaDB 10.11 answers the row value `(k1, k2) > (?, ?)` by reading
//    the whole index (EXPLAIN: type index, for SELECT and UPDATE alike),
//    but the expansion by a range of the primary key on every key part
//    (EXPLAIN: type range, used_key_parts k1, k2);
//  - PostgreSQL: `(k1, k2) > (?, ?)`, which its planner answers from a
//    B-tree index itself (a row comparison is an index condition there).
// One column is `k1 > ?` either way.
//
// Why every row falls in exactly one chunk: a column is compared with a
// value of its own type and collation (KeyColumn::comparand: a string
// value is given the column's own character set and, explicitly, its
// collation, which also wins over the connection's), so `>`, `=` and
// `<=` are the comparison the primary key index is ordered by, and the
// seek's ORDER BY of the key columns sorts by the same collations. The
// primary key is unique under them (a table cannot hold both 'b' and 'B'
// in a case-insensitive collation, nor 'b' and 'b ' in a PAD SPACE one),
// so two different rows never compare equal, and a key is either at or
// before a chunk's end or after it; the key of a row the seek returns
// reads back as the same value (KeyColumn::select is exact), so the next
// chunk starts exactly after it. NULL is impossible in a primary key.
#ifndef AOS_CORE_SQL_KEY_RANGE_H_
#define AOS_CORE_SQL_KEY_RANGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace aos::sql {

// One column of a primary key, as the range SQL reads and compares it
// (written by the dialect's reader of the catalog, engine/batch/table_key.h).
struct KeyColumn {
  std::string name;    // as the catalog names it
  std::string type;    // as the catalog says it, collation included
  std::string quoted;  // its name quoted for the dialect
  // SQL reading its value (unqualified) as exact text: "`id`",
  // "HEX(`name`)".
  std::string select;
  // SQL making such a text a value compared as the column is, '?' the
  // text: "CAST(? AS SIGNED)", "CONVERT(UNHEX(?) USING utf8mb4) COLLATE
  // utf8mb4_unicode_ci".
  std::string comparand;
  // Whether its text is the value's bytes in hex (only for showing it).
  bool hex = false;
};

// A table's primary key, what chunks range over.
struct RangeKey {
  std::vector<KeyColumn> columns;  // in the key's order; at least one
  bool row_values = false;         // compare as (k1, k2) > (?, ?)

  // "id", "(project_id, id)".
  std::string Names() const;
  // "project_id int(11), id varchar(36) utf8mb4_bin": what a resume
  // checks that a recorded boundary is a value of.
  std::string Signature() const;
};

// A value of a key: one exact text per column, as KeyColumn::select reads
// it.
using KeyValue = std::vector<std::string>;

// SQL with the texts for its '?', in order.
struct KeySql {
  std::string text;
  std::vector<std::string> values;
};

// `key > value` (kAfter), `key <= value` (kUpTo) or `key = value` (kAt),
// the columns qualified by `qualifier` ("" none) and a dot; parenthesized
// when it has more than one comparison.
enum class KeyBound { kAfter, kUpTo, kAt };
KeySql KeyCondition(const RangeKey& key, absl::string_view qualifier, KeyBound bound,
                    const KeyValue& value);

// The key of the row `offset` rows (from 0) into `table` (quoted) in key
// order, after `after` (nullopt: from the first row) and at most `upto`:
// one row of the select texts, or none.
KeySql KeySeek(const RangeKey& key, absl::string_view table, const std::optional<KeyValue>& after,
               const KeyValue& upto, int64_t offset);

// The table's last key in key order: one row, or none when it is empty.
KeySql LastKey(const RangeKey& key, absl::string_view table);

// A value shown to an operator: "42", "'k100'", "(7, 'k100')" (hex
// texts shown as their characters when they are printable, else 0x...).
std::string ShowKey(const RangeKey& key, const KeyValue& value);

// A value as one string to store and back, exactly (netstrings:
// "2:17,4:6B31,"); Decode fails on anything Encode did not write.
std::string EncodeKeyValue(const KeyValue& value);
absl::StatusOr<KeyValue> DecodeKeyValue(absl::string_view encoded);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_KEY_RANGE_H_
