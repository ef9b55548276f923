// Fuzz target: the INI reader (core/config/ini_file.h), the format of
// /etc/aos/db-migrate.conf and of the services' oslo.config files.
//
// On every input, IniFile::Parse(text, "fuzz.conf") must not crash, and:
//  - an error names the origin and a line that exists: "fuzz.conf:N: ..."
//    with 1 <= N <= the number of lines;
//  - on success: sections() lists each section once, each HasSection();
//    for every "key = value" / "key: value" line of the input (the key as
//    the reader would take it), Get() falls back exactly as documented
//    (GetOwn(section), else GetOwn("DEFAULT")), no value ends in whitespace
//    or holds a '\r' at a line end, and a section never seen is absent;
//  - the same text with "\r\n" line ends parses to the same sections and
//    values (files edited on Windows), and so does the text with a trailing
//    newline added.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "core/config/ini_file.h"
#include "fuzz/fuzz_check.h"

namespace {

using aos::config::IniFile;
using aos::fuzz::Quoted;

// Every (section, key) the input may define, read with the documented rules
// loosely (a superset is fine: absent pairs are compared too).
std::vector<std::pair<std::string, std::string>> CandidateKeys(
    absl::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string section;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    if (line[0] == '[') {
      section = std::string(absl::StripAsciiWhitespace(
          line.substr(1, line.size() >= 2 ? line.size() - 2 : 0)));
      continue;
    }
    size_t eq = line.find_first_of("=:");
    if (eq == absl::string_view::npos) continue;
    std::string key(absl::StripAsciiWhitespace(line.substr(0, eq)));
    out.emplace_back(section, key);
    out.emplace_back("DEFAULT", key);
    out.emplace_back("no such section", key);
  }
  return out;
}

void CheckSame(const IniFile& a, const IniFile& b, absl::string_view what,
               const std::vector<std::pair<std::string, std::string>>& keys) {
  FUZZ_CHECK(a.sections() == b.sections()) << what << ": other sections";
  for (const auto& [section, key] : keys) {
    FUZZ_CHECK(a.GetOwn(section, key) == b.GetOwn(section, key))
        << what << ": [" << section << "] " << Quoted(key) << " differs";
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<IniFile> ini = IniFile::Parse(text, "fuzz.conf");
  if (!ini.ok()) {
    absl::string_view message = ini.status().message();
    FUZZ_CHECK(absl::ConsumePrefix(&message, "fuzz.conf:"))
        << Quoted(ini.status().message());
    size_t colon = message.find(':');
    int line = 0;
    FUZZ_CHECK(colon != absl::string_view::npos &&
               absl::SimpleAtoi(message.substr(0, colon), &line) && line >= 1)
        << Quoted(ini.status().message());
    size_t count = 1;
    for (char c : text) count += c == '\n';
    FUZZ_CHECK(static_cast<size_t>(line) <= count)
        << "line " << line << " of " << count;
    // The same text with CRLF line ends fails the same way.
    absl::StatusOr<IniFile> crlf = IniFile::Parse(
        absl::StrReplaceAll(text, {{"\n", "\r\n"}}), "fuzz.conf");
    FUZZ_CHECK(!crlf.ok() && crlf.status().message() == ini.status().message())
        << "CRLF: " << Quoted(crlf.status().message()) << " vs "
        << Quoted(ini.status().message());
    return 0;
  }
  std::set<std::string> seen;
  for (const std::string& s : ini->sections()) {
    FUZZ_CHECK(seen.insert(s).second) << "section " << Quoted(s) << " twice";
    FUZZ_CHECK(ini->HasSection(s)) << Quoted(s);
    FUZZ_CHECK(!s.empty() && !absl::ascii_isspace(s.front()) &&
               !absl::ascii_isspace(s.back()))
        << "section " << Quoted(s);
  }
  std::vector<std::pair<std::string, std::string>> keys = CandidateKeys(text);
  for (const auto& [section, key] : keys) {
    std::optional<std::string> own = ini->GetOwn(section, key);
    std::optional<std::string> fallback = ini->GetOwn("DEFAULT", key);
    std::optional<std::string> got = ini->Get(section, key);
    FUZZ_CHECK(got == (own ? own : fallback))
        << "[" << section << "] " << Quoted(key) << ": Get() does not fall "
        << "back to [DEFAULT] as documented";
    if (!seen.count(section)) {
      FUZZ_CHECK(!own) << Quoted(section);
    }
    if (own) {
      // Stripped, but for what one pair of quotes kept (oslo.config's
      // iniparser: `k = " a "` is " a ").
      FUZZ_CHECK(own->empty() || !absl::ascii_isspace(own->back()) ||
                 absl::StrContains(text, absl::StrCat("\"", *own, "\"")) ||
                 absl::StrContains(text, absl::StrCat("'", *own, "'")))
          << "[" << section << "] " << Quoted(key) << " = " << Quoted(*own);
      FUZZ_CHECK(!absl::StrContains(*own, "\r\n"))
          << "[" << section << "] " << Quoted(key) << " = " << Quoted(*own);
    }
  }
  absl::StatusOr<IniFile> crlf = IniFile::Parse(
      absl::StrReplaceAll(text, {{"\n", "\r\n"}}), "fuzz.conf");
  FUZZ_CHECK(crlf.ok()) << "CRLF: " << crlf.status().message();
  CheckSame(*ini, *crlf, "CRLF line ends", keys);
  absl::StatusOr<IniFile> newline =
      IniFile::Parse(absl::StrCat(text, "\n"), "fuzz.conf");
  FUZZ_CHECK(newline.ok()) << "trailing newline: " << newline.status().message();
  CheckSame(*ini, *newline, "trailing newline", keys);
  return 0;
}
