// select_sources.h: the tables a SELECT reads, as named after FROM and JOIN
// (in a CREATE TABLE ... AS SELECT or an INSERT ... SELECT), for the DDL
// gate to size what the statement fills (gate_statement.h). A read the
// reader cannot name (a table function, a row source it does not know) is
// said, so that the size is taken as unknown rather than small.
#ifndef AOS_CORE_SQL_SELECT_SOURCES_H_
#define AOS_CORE_SQL_SELECT_SOURCES_H_

#include <cstddef>
#include <vector>

#include "core/sql/mysql_tokenizer.h"
#include "core/sql/statement_kind.h"

namespace aos::sql {

struct SelectSources {
  std::vector<TableName> tables;  // in order, repeats kept
  bool unnamed = false;           // reads what no table name says
};

// Every table named after a FROM or JOIN from token `from` on, subqueries
// included (DUAL is no table).
SelectSources ReadSelectSources(const std::vector<Token>& tokens, size_t from);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_SELECT_SOURCES_H_
