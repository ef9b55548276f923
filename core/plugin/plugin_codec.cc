#include "core/plugin/plugin_codec.h"

#include <cstdint>
#include <map>
#include <utility>

#include "absl/status/status.h"

namespace aos::plugin {
namespace {

void PutU64(std::string* out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((v >> shift) & 0xff));
  }
}

void PutString(std::string* out, absl::string_view s) {
  PutU64(out, s.size());
  out->append(s.data(), s.size());
}

void PutStep(std::string* out, const Step& step) {
  out->push_back(step.kind == Step::Kind::kCode ? 'C' : 'S');
  PutString(out, step.sql);
  PutU64(out, step.sql_by_dialect.size());
  for (const auto& [dialect, sql] : step.sql_by_dialect) {
    PutString(out, dialect);
    PutString(out, sql);
  }
}

// Reads from the front of `in`; every getter fails on a short input.
class Reader {
 public:
  explicit Reader(absl::string_view in) : in_(in) {}

  bool U64(uint64_t* v) {
    if (in_.size() < 8) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i) *v = (*v << 8) | static_cast<uint8_t>(in_[i]);
    in_.remove_prefix(8);
    return true;
  }
  bool String(std::string* s) {
    uint64_t n;
    if (!U64(&n) || n > in_.size()) return false;
    s->assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool Char(char* c) {
    if (in_.empty()) return false;
    *c = in_[0];
    in_.remove_prefix(1);
    return true;
  }
  bool Step(plugin::Step* step) {
    char kind;
    uint64_t overrides;
    if (!Char(&kind) || (kind != 'C' && kind != 'S') || !String(&step->sql) ||
        !U64(&overrides) || overrides > in_.size()) {
      return false;
    }
    step->kind = kind == 'C' ? Step::Kind::kCode : Step::Kind::kSql;
    for (uint64_t i = 0; i < overrides; ++i) {
      std::string dialect, sql;
      if (!String(&dialect) || !String(&sql)) return false;
      step->sql_by_dialect[dialect] = sql;
    }
    return true;
  }
  bool AtEnd() const { return in_.empty(); }
  size_t left() const { return in_.size(); }

 private:
  absl::string_view in_;
};

bool ReadMigration(Reader& r, Migration* m) {
  uint64_t version;
  char has_down;
  char phase;
  if (!r.U64(&version) || !r.Char(&phase) || phase < '0' || phase > '3' ||
      !r.String(&m->description) ||
      !r.Step(&m->upgrade) || !r.Char(&has_down)) {
    return false;
  }
  m->version = static_cast<int64_t>(version);
  m->phase = static_cast<Phase>(phase - '0');
  if (has_down == 'D') {
    m->downgrade.emplace();
    return r.Step(&*m->downgrade);
  }
  return has_down == '-';
}

}  // namespace

std::string EncodePlugin(const ModulePlugin& p) {
  std::string out;
  for (const std::string* s :
       {&p.path, &p.module_id, &p.display_name, &p.repository_id,
        &p.service_config_path, &p.release}) {
    PutString(&out, *s);
  }
  PutU64(&out, p.migrations.size());
  for (const Migration& m : p.migrations) {
    PutU64(&out, static_cast<uint64_t>(m.version));
    out.push_back(static_cast<char>('0' + static_cast<int>(m.phase)));
    PutString(&out, m.description);
    PutStep(&out, m.upgrade);
    out.push_back(m.downgrade ? 'D' : '-');
    if (m.downgrade) PutStep(&out, *m.downgrade);
  }
  // ABI 1.3, compact (expected_schemas.h): decoded only when looked at.
  PutString(&out, p.expected_schemas.ToCompact());
  return out;
}

absl::StatusOr<ModulePlugin> DecodePlugin(absl::string_view bytes) {
  Reader r(bytes);
  ModulePlugin p;
  uint64_t count = 0;
  bool ok = true;
  for (std::string* s :
       {&p.path, &p.module_id, &p.display_name, &p.repository_id,
        &p.service_config_path, &p.release}) {
    ok = ok && r.String(s);
  }
  ok = ok && r.U64(&count) && count <= r.left();
  for (uint64_t i = 0; ok && i < count; ++i) {
    p.migrations.emplace_back();
    ok = ReadMigration(r, &p.migrations.back());
  }
  std::string schemas;
  ok = ok && r.String(&schemas);
  if (ok) p.expected_schemas = ExpectedSchemas::FromCompact(std::move(schemas));
  if (!ok || !r.AtEnd()) {
    return absl::DataLossError("the plugin's description did not arrive whole");
  }
  return p;
}

}  // namespace aos::plugin
