#include "core/report/cost_json.h"

namespace aos::report {

void WriteCosts(JsonWriter& j, const std::vector<StatementCost>& costs) {
  j.Key("ddl");
  j.BeginArray();
  for (const StatementCost& c : costs) {
    j.BeginObject();
    j.Key("statement");
    j.Int(c.statement);
    j.Key("table");
    j.String(c.table);
    j.Key("rows");
    j.OptionalInt(c.rows);
    j.Key("bytes");
    j.OptionalInt(c.bytes);
    j.Key("algorithm");
    j.String(c.algorithm);
    j.Key("blocks");
    j.StringOrNull(c.blocks);
    j.Key("refused");
    j.Bool(c.refused);
    j.Key("online");
    j.Bool(c.online);
    j.Key("note");
    j.StringOrNull(c.note);
    if (!c.batch.empty()) {  // issue 28: a big DML statement's, only
      j.Key("batch");
      j.String(c.batch);
      j.Key("key");
      j.StringOrNull(c.key);
      j.Key("key_columns");
      j.BeginArray();
      for (const std::string& column : c.key_columns) j.String(column);
      j.EndArray();
      j.Key("chunks");
      j.OptionalInt(c.chunks);
    }
    j.EndObject();
  }
  j.EndArray();
}

}  // namespace aos::report
