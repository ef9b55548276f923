// json_writer.h: a minimal streaming JSON writer for the machine-readable
// outputs (-f json). Strings are escaped per RFC 8259; the writer places the
// commas. Usage:
//   JsonWriter j;
//   j.BeginObject(); j.Key("id"); j.String("dashboard"); j.EndObject();
//   std::string text = j.str();
#ifndef AOS_CORE_REPORT_JSON_WRITER_H_
#define AOS_CORE_REPORT_JSON_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace aos::report {

class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(absl::string_view key);
  void String(absl::string_view value);
  void Int(int64_t value);
  void OptionalInt(const std::optional<int64_t>& value);
  // `value`, or null when it is empty ("no error", "no category"): the
  // reports' one spelling of an absent text.
  void StringOrNull(absl::string_view value);
  void Bool(bool value);
  void Null();
  const std::string& str() const { return out_; }

 private:
  void Open(char c);
  void Close(char c);
  void BeforeValue();

  std::string out_;
  std::vector<bool> first_;  // per open container: no element yet
  bool after_key_ = false;
};

}  // namespace aos::report

#endif  // AOS_CORE_REPORT_JSON_WRITER_H_
