// fuzz_check.h: the properties the fuzz targets check, failing loudly.
//
// FUZZ_CHECK(condition) << "what" prints the failed condition, where, and the
// streamed details to stderr, then aborts: libFuzzer saves the input as a
// crash artifact, and the corpus replay tests (fuzz/BUILD) fail.
#ifndef AOS_FUZZ_FUZZ_CHECK_H_
#define AOS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/string_view.h"

namespace aos::fuzz {

class CheckFailure {
 public:
  CheckFailure(const char* condition, const char* file, int line) {
    out_ << file << ":" << line << ": property violated: " << condition
         << "\n";
  }
  ~CheckFailure() {
    std::string text = out_.str();
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
    std::abort();
  }
  template <typename T>
  CheckFailure& operator<<(const T& value) {
    out_ << value;
    return *this;
  }

 private:
  std::ostringstream out_;
};

// "text" as a C-escaped, quoted string, for the details of a failure.
inline std::string Quoted(absl::string_view text) {
  return "\"" + absl::CEscape(text) + "\"";
}

}  // namespace aos::fuzz

#define FUZZ_CHECK(condition) \
  if (condition) {            \
  } else                      \
    ::aos::fuzz::CheckFailure(#condition, __FILE__, __LINE__)

#endif  // AOS_FUZZ_FUZZ_CHECK_H_
