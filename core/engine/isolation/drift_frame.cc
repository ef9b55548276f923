#include "core/engine/isolation/drift_frame.h"

#include <cstdint>
#include <optional>

#include "absl/strings/str_cat.h"

namespace aos::engine {
namespace {

void AppendUint(uint64_t value, int bytes, std::string* out) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

void AppendText(absl::string_view text, std::string* out) {
  AppendUint(text.size(), 4, out);
  out->append(text.data(), text.size());
}

class Reader {
 public:
  explicit Reader(absl::string_view body) : rest_(body) {}
  std::optional<uint64_t> Uint(size_t bytes) {
    if (rest_.size() < bytes) return std::nullopt;
    uint64_t value = 0;
    for (size_t i = 0; i < bytes; ++i) {
      value = (value << 8) | static_cast<uint8_t>(rest_[i]);
    }
    rest_.remove_prefix(bytes);
    return value;
  }
  bool Text(std::string* out) {
    std::optional<uint64_t> length = Uint(4);
    if (!length || rest_.size() < *length) return false;
    *out = std::string(rest_.substr(0, *length));
    rest_.remove_prefix(*length);
    return true;
  }
  size_t left() const { return rest_.size(); }

 private:
  absl::string_view rest_;
};

absl::Status Cut(absl::string_view where) {
  return absl::DataLossError(absl::StrCat("a drift message ends inside ", where));
}

}  // namespace

std::string EncodeDriftBody(const report::DriftInfo& drift) {
  std::string body(1, drift.known ? 1 : 0);
  AppendUint(static_cast<uint64_t>(drift.version), 8, &body);
  AppendText(drift.not_known, &body);
  AppendUint(drift.items.size(), 4, &body);
  for (const report::DriftItem& item : drift.items) {
    body.push_back(item.accepted ? 1 : 0);
    for (const std::string* text : {&item.object, &item.kind, &item.expected, &item.actual}) {
      AppendText(*text, &body);
    }
  }
  return body;
}

absl::Status DecodeDriftBody(absl::string_view body, report::DriftInfo* drift) {
  Reader reader(body);
  std::optional<uint64_t> known = reader.Uint(1);
  std::optional<uint64_t> version = known ? reader.Uint(8) : std::nullopt;
  if (!version) return Cut("its version");
  drift->known = *known != 0;
  drift->version = static_cast<int64_t>(*version);
  if (!reader.Text(&drift->not_known)) return Cut("its reason");
  std::optional<uint64_t> count = reader.Uint(4);
  if (!count) return Cut("its count");
  drift->items.clear();
  for (uint64_t i = 0; i < *count; ++i) {
    report::DriftItem item;
    std::optional<uint64_t> accepted = reader.Uint(1);
    if (!accepted || !reader.Text(&item.object) || !reader.Text(&item.kind) ||
        !reader.Text(&item.expected) || !reader.Text(&item.actual)) {
      return Cut(absl::StrCat("difference ", i + 1));
    }
    item.accepted = *accepted != 0;
    drift->items.push_back(std::move(item));
  }
  if (reader.left() != 0) {
    return absl::DataLossError(
        absl::StrCat("a drift message has ", reader.left(), " bytes after its last field"));
  }
  return absl::OkStatus();
}

}  // namespace aos::engine
