// change_confinement.h: the part of table_change.h that reads a table
// change to its end for what keeps it from being tried on empty clones
// (the file comment there), and for the parents its foreign keys name
// (TableChange::references, which the probe points at clones too).
// Private to table_change.cc.
#ifndef AOS_CORE_SQL_CHANGE_CONFINEMENT_H_
#define AOS_CORE_SQL_CHANGE_CONFINEMENT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/table_change.h"

namespace aos::sql {

// The comma list of ALTER TABLE t, from token `at` (after its name and
// WAIT n): sets change.not_confined, renames_only and references.
void ReadAlterConfinement(const std::vector<Token>& tokens,
                          ChangeDialect dialect, size_t at,
                          TableChange& change);

// CREATE INDEX / DROP INDEX: every token but [skip_from, skip_to), the
// table's name.
void ReadIndexConfinement(const std::vector<Token>& tokens,
                          ChangeDialect dialect, size_t skip_from,
                          size_t skip_to, TableChange& change);

// Why the server might read `statement` otherwise than its `tokens` (the
// first `limit`) say: an executable comment, a backslash, text after the
// last token that is not a comment (the tokens were cut short), ...; ""
// when it reads them as they are.
std::string UnreadableText(absl::string_view statement,
                           const std::vector<Token>& tokens, size_t limit,
                           ChangeDialect dialect);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_CHANGE_CONFINEMENT_H_
