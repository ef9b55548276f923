// expected_schemas.cc: the compact form (a dictionary of lines per
// dialect) and its lazy decoding.
#include "core/plugin/expected_schemas.h"

#include <utility>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace aos::plugin {
namespace {

void PutU32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

void PutU64(std::string* out, uint64_t v) {
  PutU32(out, static_cast<uint32_t>(v >> 32));
  PutU32(out, static_cast<uint32_t>(v));
}

void PutString(std::string* out, absl::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s.data(), s.size());
}

// Reads from the front of `in`; every getter fails on a short input.
struct Reader {
  absl::string_view in;
  bool U32(uint32_t* v) {
    if (in.size() < 4) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) *v = (*v << 8) | static_cast<uint8_t>(in[i]);
    in.remove_prefix(4);
    return true;
  }
  bool U64(uint64_t* v) {
    uint32_t high, low;
    if (!U32(&high) || !U32(&low)) return false;
    *v = (uint64_t{high} << 32) | low;
    return true;
  }
  bool String(absl::string_view* s) {
    uint32_t n;
    if (!U32(&n) || n > in.size()) return false;
    *s = in.substr(0, n);
    in.remove_prefix(n);
    return true;
  }
};

void EncodeDialect(const std::string& dialect, const ExpectedSchemas::Versions& versions,
                   std::string* out) {
  std::map<absl::string_view, uint32_t> index;
  std::vector<absl::string_view> lines;
  std::string body;
  PutU32(&body, static_cast<uint32_t>(versions.size()));
  for (const auto& [version, text] : versions) {
    std::vector<absl::string_view> parts = absl::StrSplit(text, '\n');
    PutU64(&body, static_cast<uint64_t>(version));
    PutU32(&body, static_cast<uint32_t>(parts.size()));
    for (absl::string_view part : parts) {
      auto [it, added] = index.emplace(part, static_cast<uint32_t>(lines.size()));
      if (added) lines.push_back(part);
      PutU32(&body, it->second);
    }
  }
  PutString(out, dialect);
  PutU32(out, static_cast<uint32_t>(lines.size()));
  for (absl::string_view line : lines) PutString(out, line);
  out->append(body);
}

bool DecodeDialect(Reader& r, ExpectedSchemas::Map* map) {
  absl::string_view dialect;
  uint32_t line_count, version_count;
  if (!r.String(&dialect) || !r.U32(&line_count) || line_count > r.in.size()) return false;
  std::vector<absl::string_view> lines(line_count);
  for (absl::string_view& line : lines) {
    if (!r.String(&line)) return false;
  }
  ExpectedSchemas::Versions& versions = (*map)[std::string(dialect)];
  if (!r.U32(&version_count) || version_count > r.in.size()) return false;
  for (uint32_t i = 0; i < version_count; ++i) {
    uint64_t version;
    uint32_t n;
    if (!r.U64(&version) || !r.U32(&n) || n > r.in.size() / 4) return false;
    std::vector<absl::string_view> parts(n);
    for (absl::string_view& part : parts) {
      uint32_t at;
      if (!r.U32(&at) || at >= lines.size()) return false;
      part = lines[at];
    }
    versions[static_cast<int64_t>(version)] = absl::StrJoin(parts, "\n");
  }
  return true;
}

ExpectedSchemas::Map Decode(absl::string_view bytes) {
  Reader r{bytes};
  ExpectedSchemas::Map map;
  uint32_t dialects;
  if (!r.U32(&dialects)) return {};
  for (uint32_t i = 0; i < dialects; ++i) {
    if (!DecodeDialect(r, &map)) return {};
  }
  return r.in.empty() ? map : ExpectedSchemas::Map{};
}

}  // namespace

ExpectedSchemas ExpectedSchemas::FromCompact(std::string bytes) {
  ExpectedSchemas out;
  if (bytes.empty()) return out;
  out.state_ = std::make_shared<State>();
  out.state_->compact = std::move(bytes);
  return out;
}

std::string ExpectedSchemas::ToCompact() const {
  if (state_ == nullptr) return "";
  if (!state_->compact.empty()) return state_->compact;  // as it came
  std::string out;
  PutU32(&out, static_cast<uint32_t>(state_->map.size()));
  for (const auto& [dialect, versions] : state_->map) EncodeDialect(dialect, versions, &out);
  return state_->map.empty() ? "" : out;
}

const ExpectedSchemas::Map& ExpectedSchemas::map() const {
  static const Map* const kNone = new Map();
  if (state_ == nullptr) return *kNone;
  State& s = *state_;
  std::call_once(s.decoded, [&s] {
    if (!s.compact.empty()) s.map = Decode(s.compact);
  });
  return s.map;
}

const std::string* ExpectedSchemas::Find(absl::string_view dialect, int64_t version) const {
  const Map& m = map();
  auto d = m.find(std::string(dialect));
  if (d == m.end()) return nullptr;
  if (version == 0) {
    static const std::string* const kEmpty = new std::string();
    return kEmpty;
  }
  auto v = d->second.find(version);
  return v == d->second.end() ? nullptr : &v->second;
}

ExpectedSchemas::Versions& ExpectedSchemas::operator[](const std::string& dialect) {
  if (state_ == nullptr || state_.use_count() > 1 || !state_->compact.empty()) {
    auto own = std::make_shared<State>();
    own->map = map();  // decoded
    std::call_once(own->decoded, [] {});
    state_ = std::move(own);
  }
  return state_->map[dialect];
}

}  // namespace aos::plugin
