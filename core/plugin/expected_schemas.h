// expected_schemas.h: a plugin's expected schemas (ABI 1.3, drift): per
// dialect, per version, the normalized schema text. Held compactly and
// shared: a plain run copies and caches plugins without reading them
// (about 1.7 MB of text for the seven plugins, 150 KB of distinct lines),
// so they cross the isolated loader and the plugin cache as a dictionary
// of lines (ToCompact) and are decoded at the first look (thread-safe).
#ifndef AOS_CORE_PLUGIN_EXPECTED_SCHEMAS_H_
#define AOS_CORE_PLUGIN_EXPECTED_SCHEMAS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/strings/string_view.h"

namespace aos::plugin {

class ExpectedSchemas {
 public:
  using Versions = std::map<int64_t, std::string>;  // version -> text
  using Map = std::map<std::string, Versions>;      // dialect -> versions

  ExpectedSchemas() = default;

  // From ToCompact's bytes, decoded at the first look; bytes that do not
  // decode give no schemas (drift not known).
  static ExpectedSchemas FromCompact(std::string bytes);
  // A dictionary of the distinct lines of each dialect and, per version,
  // the indexes of its lines.
  std::string ToCompact() const;

  // The text for (dialect, version), or nullptr when not known; "" for
  // version 0 of a dialect that has any.
  const std::string* Find(absl::string_view dialect, int64_t version) const;

  const Map& map() const;
  bool empty() const { return map().empty(); }
  size_t count(const std::string& dialect) const { return map().count(dialect); }
  Map::const_iterator begin() const { return map().begin(); }
  Map::const_iterator end() const { return map().end(); }
  void clear() { state_.reset(); }
  // For whoever builds them (the descriptor reader, tests): a copy of its
  // own first when shared.
  Versions& operator[](const std::string& dialect);

  bool operator==(const ExpectedSchemas& other) const { return map() == other.map(); }

 private:
  struct State {
    std::string compact;  // not yet decoded when not empty
    std::once_flag decoded;
    Map map;
  };
  std::shared_ptr<State> state_;
};

}  // namespace aos::plugin

#endif  // AOS_CORE_PLUGIN_EXPECTED_SCHEMAS_H_
