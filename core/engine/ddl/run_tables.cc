#include "core/engine/ddl/run_tables.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::engine {
namespace {

using Kind = sql::GateStatement::Kind;

std::optional<int64_t> Sum(std::optional<int64_t> a, std::optional<int64_t> b) {
  if (!a || !b) return std::nullopt;
  return *a + *b;
}

std::string Shown(const sql::TableName& t) {
  return t.schema.empty() ? t.name : absl::StrCat(t.schema, ".", t.name);
}

}  // namespace

std::optional<int64_t> StatNumber(const std::optional<std::string>& text) {
  int64_t n = 0;
  if (!text || !absl::SimpleAtoi(*text, &n)) return std::nullopt;
  return n;
}

void RunTables::Add(const std::string& table, TableSize size) {
  tables_[table] = Table{size.rows, size.bytes, size.engine, table, ""};
}

std::map<std::string, RunTables::Table>& RunTables::MapOf(
    const std::string& key) {
  return temporary_.count(key) ? temporary_ : tables_;
}

namespace {

// MariaDB's Sequence engine: seq_<from>_to_<to>[_step_<n>] is no table of
// the database but a row source of a known size; nullopt for another name.
std::optional<int64_t> SequenceEngineRows(absl::string_view name) {
  std::vector<std::string> parts = absl::StrSplit(name, '_');
  int64_t from = 0, to = 0, step = 1;
  const bool shape = (parts.size() == 4 || parts.size() == 6) &&
                     absl::EqualsIgnoreCase(parts[0], "seq") &&
                     absl::EqualsIgnoreCase(parts[2], "to") &&
                     absl::SimpleAtoi(parts[1], &from) &&
                     absl::SimpleAtoi(parts[3], &to) &&
                     (parts.size() == 4 ||
                      (absl::EqualsIgnoreCase(parts[4], "step") &&
                       absl::SimpleAtoi(parts[5], &step)));
  if (!shape || step <= 0 || from < 0 || to < 0) return std::nullopt;
  return (from > to ? from - to : to - from) / step + 1;
}

}  // namespace

RunTables::Found RunTables::Resolve(const sql::TableName& name) {
  Found f;
  f.shown = Shown(name);
  if (!name.schema.empty() && !absl::EqualsIgnoreCase(name.schema, schema_)) {
    f.where = Found::Where::kOtherDatabase;
    return f;
  }
  f.where = Found::Where::kMissing;
  f.shown = name.name;
  // The exact name, else one that differs in letter case only (the server
  // may fold names: lower_case_table_names).
  for (auto* map : {&temporary_, &tables_}) {
    auto it = map->find(name.name);
    if (it == map->end()) {
      for (it = map->begin(); it != map->end(); ++it) {
        if (absl::EqualsIgnoreCase(it->first, name.name)) break;
      }
    }
    if (it != map->end()) {
      f.where = Found::Where::kHere;
      f.table = &it->second;
      f.name = it->first;
      return f;
    }
  }
  return f;
}

std::optional<GatedTable> RunTables::Lookup(const sql::TableName& name) {
  Found f = Resolve(name);
  if (f.where != Found::Where::kHere) return std::nullopt;
  return GatedTable{f.name, f.table->before_run, f.table->rows,
                    f.table->bytes};
}

GateTarget RunTables::Next(const std::string& text, size_t index,
                           const std::string& where) {
  const sql::GateStatement g = sql::ReadGateStatement(text, dialect_);
  GateTarget out;
  out.cost.statement = static_cast<int64_t>(index) + 1;
  out.cost.algorithm = "unknown";
  if (g.kind == Kind::kTableChange) {
    out = Change(g, std::move(out));
  } else if (g.kind == Kind::kMaintenance || g.kind == Kind::kOpaque) {
    out = Unknown(g, std::move(out));
  }
  Follow(g, where);
  if (g.kind == Kind::kOpaque && g.writes && opaque_.empty()) {
    opaque_ = absl::StrCat(where, " (", g.why, ")");
    opaque_size_ = Table{0, 0, "", "", ""};
    for (const auto& [name, t] : tables_) {
      opaque_size_.rows = Sum(opaque_size_.rows, t.rows);
      opaque_size_.bytes = Sum(opaque_size_.bytes, t.bytes);
    }
  }
  return out;
}

GateTarget RunTables::Change(const sql::GateStatement& g, GateTarget out) {
  const sql::TableChange& change = *g.change;
  if (change.renames_only) return GateTarget{};  // the data dictionary only
  out.change = change;
  Found f = Resolve(change.table);
  out.cost.table = f.shown;
  if (f.where == Found::Where::kOtherDatabase) {
    out.kind = GateTarget::Kind::kUnknown;
    out.cost.note = absl::StrCat(
        "it names ", f.shown, ", a table of another database: neither its "
        "size nor its cost is read");
    return out;
  }
  if (f.where == Found::Where::kMissing) {
    if (opaque_.empty()) return GateTarget{};  // not there: the run says so
    out.kind = GateTarget::Kind::kUnknown;
    out.cost.rows = opaque_size_.rows;
    out.cost.bytes = opaque_size_.bytes;
    out.cost.note = absl::StrCat("not a table the run starts with: ", opaque_,
                                 " may have made it from any table");
    return out;
  }
  Table& t = *f.table;
  out.cost.rows = t.rows;
  out.cost.bytes = t.bytes;
  if (t.before_run.empty()) {
    if (t.rows == 0 && t.bytes.value_or(0) == 0) return GateTarget{};  // new
    out.kind = GateTarget::Kind::kUnknown;
    out.cost.note = absl::StrCat("made in this run by ", t.made,
                                 ", so never tried on an empty copy");
    return out;
  }
  out.kind = GateTarget::Kind::kTry;
  out.tables.push_back({change.table, t.before_run, t.engine});
  if (!change.not_confined.empty()) {
    out.kind = GateTarget::Kind::kUnknown;
    out.cost.note =
        absl::StrCat("not tried on an empty copy: ", change.not_confined);
    return out;
  }
  for (const sql::NamedTable& r : change.references) {
    Found p = Resolve(r.table);
    if (p.where != Found::Where::kHere || p.table->before_run.empty()) {
      out.kind = GateTarget::Kind::kUnknown;
      out.tables.clear();
      out.cost.note = absl::StrCat(
          "not tried on an empty copy: it names ", Shown(r.table),
          ", not a table of this database the run starts with");
      return out;
    }
    out.tables.push_back({r.table, p.table->before_run, p.table->engine});
  }
  return out;
}

GateTarget RunTables::Unknown(const sql::GateStatement& g, GateTarget out) {
  out.kind = GateTarget::Kind::kUnknown;
  std::optional<std::string> target;
  const Table* best = nullptr;
  std::vector<std::string> others;
  for (const sql::TableName& name : g.tables) {
    Found f = Resolve(name);
    if (f.where == Found::Where::kOtherDatabase) others.push_back(f.shown);
    if (f.where != Found::Where::kHere) continue;
    if (best == nullptr || (!f.table->rows && !f.table->bytes) ||
        f.table->rows.value_or(0) > best->rows.value_or(0)) {
      target = f.name;
      best = f.table;
    }
  }
  if (g.tables.empty()) {
    target = Biggest();
    if (target) best = &tables_.at(*target);
  }
  if (!others.empty()) {
    out.cost.table = others[0];
    out.cost.note = absl::StrCat(
        g.why, "; it names ", absl::StrJoin(others, ", "),
        " of another database: neither its size nor its cost is read");
    return out;
  }
  if (!target) return GateTarget{};  // no table it could reach
  const Table& t = *best;
  out.cost.table = *target;
  out.cost.rows = t.rows;
  out.cost.bytes = t.bytes;
  out.cost.note = g.kind == Kind::kMaintenance
                      ? absl::StrCat(g.why, "; never tried on a copy")
                      : absl::StrCat(g.why, ": the tables it changes, and how, "
                                     "are not read; sized as the biggest "
                                     "table of the database");
  return out;
}

std::optional<std::string> RunTables::Biggest() {
  std::optional<std::string> best;
  for (const auto& [name, t] : tables_) {
    if (!t.rows && !t.bytes) return name;
    const Table* b = best ? &tables_.at(*best) : nullptr;
    if (b == nullptr || t.rows.value_or(0) > b->rows.value_or(0) ||
        t.bytes.value_or(0) > b->bytes.value_or(0)) {
      best = name;
    }
  }
  return best;
}

RunTables::Table RunTables::Filled(const sql::GateStatement& g,
                                   size_t text_size, std::string* why) {
  if (!g.selects) {
    *why = absl::StrCat(g.rows, " row(s) of VALUES");
    return Table{g.rows, static_cast<int64_t>(text_size), "", "", ""};
  }
  Table sum{0, 0, "", "", ""};
  std::vector<std::string> read;
  if (g.reads_unnamed) sum = Table{};
  for (const sql::TableName& s : g.sources) {
    Found f = Resolve(s);
    read.push_back(f.shown);
    std::optional<int64_t> generated = SequenceEngineRows(s.name);
    if (f.where == Found::Where::kMissing && generated) {
      sum.rows = Sum(sum.rows, generated);
      sum.bytes = Sum(sum.bytes, *generated * 8);
      continue;
    }
    if (f.where != Found::Where::kHere) {
      sum.rows = sum.bytes = std::nullopt;  // another database, a view
      continue;
    }
    sum.rows = Sum(sum.rows, f.table->rows);
    sum.bytes = Sum(sum.bytes, f.table->bytes);
  }
  *why = read.empty() ? "a SELECT"
                      : absl::StrCat("a SELECT from ", absl::StrJoin(read, ", "));
  return sum;
}

void RunTables::Follow(const sql::GateStatement& g, const std::string& where) {
  const std::string key = g.table.name;
  const bool here = g.table.schema.empty() ||
                    absl::EqualsIgnoreCase(g.table.schema, schema_);
  if (g.kind == Kind::kCreateTable && here) {
    std::string why;
    Table t = Filled(g, 0, &why);
    if (!g.selects) t = Table{0, 0, "", "", ""};
    if (!g.foreign_engine.empty()) t.rows = t.bytes = std::nullopt;
    t.made = absl::StrCat(where, g.selects ? absl::StrCat(", ", why) : "",
                          g.foreign_engine.empty()
                              ? ""
                              : absl::StrCat(", ", g.foreign_engine));
    (g.temporary ? temporary_ : tables_)[key] = t;
    if (!g.temporary) temporary_.erase(key);
  } else if (g.kind == Kind::kFill) {
    Found f = Resolve(g.table);
    if (f.where != Found::Where::kHere) return;
    std::string why;
    Table add = Filled(g, 0, &why);
    f.table->rows = Sum(f.table->rows, add.rows);
    f.table->bytes = Sum(f.table->bytes, add.bytes);
    if (f.table->before_run.empty() && (g.selects || f.table->made.empty())) {
      absl::StrAppend(&f.table->made, ", filled by ", where, " (", why, ")");
    }
  } else if (g.kind == Kind::kDrop) {
    for (const sql::TableName& t : g.tables) {
      Found f = Resolve(t);
      if (f.where == Found::Where::kHere) MapOf(f.name).erase(f.name);
    }
  } else if (g.kind == Kind::kRename || g.kind == Kind::kTableChange) {
    Move(g.renames);
  }
}

void RunTables::Move(const std::vector<sql::TableRename>& renames) {
  for (const sql::TableRename& r : renames) {
    Found from = Resolve(r.from);
    if (from.where != Found::Where::kHere) continue;
    std::map<std::string, Table>& map = MapOf(from.name);
    Table t = std::move(*from.table);
    map.erase(from.name);
    const bool here =
        r.to.schema.empty() || absl::EqualsIgnoreCase(r.to.schema, schema_);
    if (here) map[r.to.name] = std::move(t);  // else: gone to another database
  }
}

bool RunTables::Refused(const report::StatementCost& cost,
                        const DdlPolicy& policy) {
  if (cost.blocks.empty() || policy.allow_blocking) return false;
  if (!cost.rows && !cost.bytes) return true;  // its size cannot be read
  return (cost.rows && *cost.rows >= policy.max_rows) ||
         (cost.bytes && *cost.bytes >= policy.max_bytes);
}

}  // namespace aos::engine
