#include "core/backend/poco_database.h"

#include <algorithm>

#include "Poco/Data/RecordSet.h"
#include "Poco/Data/Statement.h"

namespace aos::backend {
namespace {

using Poco::Data::Keywords::useRef;

void Bind(Poco::Data::Statement& stmt, std::vector<SqlValue>& params) {
  for (SqlValue& v : params) {
    if (auto* i = std::get_if<int64_t>(&v)) {
      stmt, useRef(*i);
    } else {
      stmt, useRef(std::get<std::string>(v));
    }
  }
}

}  // namespace

absl::Status PocoDatabase::Execute(absl::string_view sql,
                                   const std::vector<SqlValue>& params) {
  if (params.empty()) return ExecuteText(sql);
  try {
    std::vector<SqlValue> bound = params;  // Poco binds by reference
    Poco::Data::Statement stmt(*session_);
    stmt << Placeholders(sql);
    Bind(stmt, bound);
    stmt.execute();
    return absl::OkStatus();
  } catch (const Poco::Exception& e) {
    return ErrorFrom(e.displayText());
  }
}

absl::StatusOr<std::vector<Row>> PocoDatabase::Query(
    absl::string_view sql, const std::vector<SqlValue>& params) {
  try {
    std::vector<SqlValue> bound = params;
    Poco::Data::Statement stmt(*session_);
    stmt << Placeholders(sql);
    Bind(stmt, bound);
    stmt.execute();
    Poco::Data::RecordSet rs(stmt);
    std::vector<Row> rows;
    const std::size_t columns = rs.columnCount();
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
      Row row;
      for (std::size_t c = 0; c < columns; ++c) {
        const Poco::Dynamic::Var& value = rs.value(c);
        if (value.isEmpty()) {
          row.push_back(std::nullopt);
        } else {
          row.push_back(value.convert<std::string>());
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  } catch (const Poco::Exception& e) {
    return ErrorFrom(e.displayText());
  }
}

absl::StatusOr<bool> PocoDatabase::TableExists(absl::string_view table) {
  absl::StatusOr<std::vector<std::string>> tables = ListTables();
  if (!tables.ok()) return tables.status();
  return std::find(tables->begin(), tables->end(), std::string(table)) !=
         tables->end();
}

}  // namespace aos::backend
